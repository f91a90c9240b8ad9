package io.github.roofline4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class WillItFitTest {

    @Test
    void answers_70bNeedsMoreThanOneH100InBf16() {
        List<WillItFit.Answer> answers = WillItFit.answers("llama-3.1-70b", List.of("h100-sxm"), List.of(1, 2, 4),
                List.of("bf16", "fp8"));
        assertEquals(6, answers.size());
        // 70.6 B parameters x 2 bytes = 141 GB of weights: not on one 80 GB H100, fits on four
        assertFalse(answers.get(0).estimate().fits());
        assertTrue(answers.get(4).estimate().fits());
        // FP8 halves the weights: more 8k sequences fit on the same devices
        assertTrue(answers.get(5).estimate().maxBatchAtContext() > answers.get(4).estimate().maxBatchAtContext());
    }

    @Test
    void print_tableOfEveryCombination() {
        String out = Printed.by(p -> WillItFit.print("llama-3.1-70b", p));
        assertEquals(2 + 4 * 4 * 3, out.lines().count(), out);
        assertTrue(out.contains("mi300x"), out);
    }
}
