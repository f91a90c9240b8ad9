package io.github.roofline4j.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.roofline4j.support.UnknownNameException;

class DataTypeTest {

    @ParameterizedTest
    @CsvSource({"FP64, 64", "FP32, 32", "TF32, 32", "BF16, 16", "FP16, 16", "FP8_E4M3, 8", "FP8_E5M2, 8", "FP6, 6",
            "NVFP4, 4", "MXFP4, 4", "INT8, 8", "INT4, 4"})
    void bitsPerElement_storageWidth(DataType type, int bits) {
        assertEquals(bits, type.bitsPerElement());
        assertEquals(bits / 8.0, type.bytesPerElement());
    }

    @ParameterizedTest
    @CsvSource({"bf16, BF16", "BF16, BF16", "fp8, FP8_E4M3", "fp8-e5m2, FP8_E5M2", "FP8_E5M2, FP8_E5M2",
            "nvfp4, NVFP4", "MXFP4, MXFP4", "int4, INT4", "Float16, FP16", "e4m3, FP8_E4M3", "fp8_e4m3, FP8_E4M3"})
    void parse_commonSpellings(String name, DataType expected) {
        assertEquals(expected, DataType.parse(name));
    }

    @Test
    void parse_unknownSuggests() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> DataType.parse("bf61"));
        assertTrue(e.getMessage().contains("unknown data type 'bf61'"), e.getMessage());
        assertFalse(e.suggestions().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void exactUpcasts_areNeverNarrower(DataType type) {
        for (DataType wider : type.exactUpcasts()) {
            assertTrue(wider.bitsPerElement() >= type.bitsPerElement(), type + " -> " + wider);
            assertFalse(wider == type);
        }
    }

    @Test
    void exactUpcasts_scaledFp4NeverToFp8() {
        assertFalse(DataType.NVFP4.exactUpcasts().contains(DataType.FP8_E4M3));
        assertFalse(DataType.MXFP4.exactUpcasts().contains(DataType.FP16));
        assertTrue(DataType.FP8_E4M3.exactUpcasts().contains(DataType.BF16));
        assertFalse(DataType.FP32.exactUpcasts().contains(DataType.TF32));
    }
}
