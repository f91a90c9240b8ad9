package io.github.roofline4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The JShell start-up script runs cleanly, and its variables and helpers work as the README's transcript shows. */
class JShellScriptTest {

    static final Path SCRIPT = Path.of("jshell", "roofline4j.jsh");

    @Test
    void script_runsAndHelpersWork() throws Exception {
        try (JShellSession s = new JShellSession()) {
            assertEquals(List.of(), s.run(Files.readString(SCRIPT), SCRIPT.toString()));
            assertTrue(s.output().startsWith("roofline4j: catalog, h100"), s.output());
            assertEquals(List.of(), s.run("""
                    var e = serve(llama70b, h100, plan().tensorParallel(4).batch(8).precision(precision("fp8", "bf16", "fp8")));
                    String summary = e.toString();
                    String html = e.toHtml();
                    var t = train(llama8b, h100, 8, trainingPlan().dataParallel(8).globalBatchSize(64));
                    String answer = ask("{\\"kind\\": \\"model\\", \\"model\\": \\"llama-3.1-8b\\"}");
                    """, "session"));
            String summary = s.values().stream().filter(v -> v.startsWith("\"Llama-3.1-70B on 4 x h100-sxm")).findFirst()
                    .orElseThrow(() -> new AssertionError(s.values().toString()));
            assertTrue(summary.contains("TTFT"), summary);
        }
    }
}
