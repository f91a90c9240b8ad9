package io.github.roofline4j.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the measurements parsers, which read the user's files: each either returns measurements (every one
 * valid, with a positive time) or throws {@link IllegalArgumentException} naming the source; never any other
 * exception.
 *
 * <p>In a normal build ({@code mvn test}) this runs as a regression test over the seeds in
 * {@code src/test/resources/io/github/roofline4j/calibration/MeasurementsFuzzTestInputs/}. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest=MeasurementsFuzzTest}.
 */
class MeasurementsFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parseCsv(byte[] input) {
        check(() -> Measurements.parseCsv(new String(input, StandardCharsets.UTF_8), "fuzz.csv"), "fuzz.csv");
    }

    @FuzzTest(maxDuration = "60s")
    void parseJson(byte[] input) {
        check(() -> Measurements.parseJson(new String(input, StandardCharsets.UTF_8), "fuzz.json"), "fuzz.json");
    }

    private static void check(java.util.function.Supplier<List<Measurement>> parse, String source) {
        List<Measurement> ms;
        try {
            ms = parse.get();
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().startsWith(source + ": "), expected.getMessage());
            return;
        }
        assertFalse(ms.isEmpty());
        for (Measurement m : ms) {
            assertTrue(m.seconds() > 0 && Double.isFinite(m.seconds()), m.toString());
            assertEquals(m, new Measurement(m.kind(), m.dtype(), m.m(), m.n(), m.k(), m.bytes(), m.group(), m.scope(),
                    m.seconds()));
        }
    }
}
