package io.github.roofline4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the arguments of {@code roofline4j search} and {@code serve-search}: whatever follows a
 * valid base command, the command succeeds or rejects the input with exit code 2 and one line on
 * standard error; never an internal error or a stack trace. The base command sets a time limit,
 * which a second {@code --time-limit} cannot override (picocli rejects repeated options).
 *
 * <p>In a normal build this runs as a regression test over the seeds in
 * {@code src/test/resources/io/github/roofline4j/cli/SearchArgumentsFuzzTestInputs/}. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl cli -am test -Dtest=SearchArgumentsFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SearchArgumentsFuzzTest {

    @FuzzTest(maxDuration = "120s")
    void arguments(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        boolean serving = text.startsWith("serve ");
        List<String> args = new ArrayList<>(serving
                ? List.of("serve-search", "--model", "gpt-2-124m", "--hardware", "h100-sxm", "--max-batch", "64")
                : List.of("search", "--model", "gpt-2-124m", "--hardware", "h100-sxm", "--time-limit", "2"));
        for (String a : (serving ? text.substring(6) : text).split(" ")) {
            if (!a.isEmpty()) {
                args.add(a);
            }
        }
        CliRunner r = CliRunner.run(args.toArray(new String[0]));
        assertTrue(r.exitCode() == 0 || r.exitCode() == Roofline4jCommand.BAD_INPUT, r.exitCode() + ": " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        if (r.exitCode() == Roofline4jCommand.BAD_INPUT) {
            assertEquals(1, r.err().lines().count(), r.err());
        } else if (!args.contains("--progress")) {
            assertTrue(r.err().isEmpty(), r.err());
        }
    }
}
