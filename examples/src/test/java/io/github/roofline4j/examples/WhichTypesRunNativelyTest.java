package io.github.roofline4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WhichTypesRunNativelyTest {

    @Test
    void print_showsUpcastsAndNativeRates() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WhichTypesRunNatively.print(new String[] {"a100", "b200"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("312 TFLOP/s (as BF16)"), out);   // FP8 on an A100 runs at the BF16 rate
        assertTrue(out.contains("9 PFLOP/s"), out);               // NVFP4 natively on a B200
    }
}
