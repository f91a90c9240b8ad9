package io.github.roofline4j.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.github.roofline4j.hardware.DataType;

class PrecisionTest {

    private static Precision p(String weights, String activations) {
        return new Precision(WeightFormat.parse(weights), DataType.parse(activations), KvFormat.parse("bf16"));
    }

    @ParameterizedTest
    @CsvSource({
            "int4, bf16, BF16",      // weight-only: dequantize to BF16
            "int8, bf16, BF16",
            "fp8, bf16, BF16",
            "int8, int8, INT8",      // W8A8
            "fp8, fp8, FP8_E4M3",
            "nvfp4, nvfp4, NVFP4",
            "nvfp4, fp8, FP8_E4M3",  // W4A8
            "bf16, fp8, BF16",
            "fp32, bf16, FP32"})
    void computeType_widerOfWeightsAndActivations(String weights, String activations, DataType expected) {
        assertEquals(expected, p(weights, activations).computeType());
    }

    @Test
    void floatAndIntegerOfOneWidthRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p("fp8", "int8"));
        assertTrue(e.getMessage().contains("no kernel"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p("bf16", "int4"));
    }
}
