package io.github.roofline4j.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.support.UnknownNameException;

class WeightFormatTest {

    @ParameterizedTest
    @CsvSource({
            "bf16, 16",
            "fp32, 32",
            // AWQ/GPTQ: 4-bit weights + an FP16 scale and a 4-bit zero point per 128: 4 + 20/128
            "int4, 4.15625",
            "int4-g64, 4.3125",
            "int4-g32, 4.625",
            // NVFP4: 4-bit E2M1 + one FP8 scale per 16 elements
            "nvfp4, 4.5",
            // OCP MXFP4: 4-bit E2M1 + one E8M0 scale per 32 elements
            "mxfp4, 4.25",
            // FP8 block scales: one FP32 per 128 x 128 block
            "fp8-block, 8.001953125"})
    void bitsPerWeight_scalesIncluded(String name, double bits) {
        assertEquals(bits, WeightFormat.parse(name).bitsPerWeight(), 1e-12);
    }

    @Test
    void bytes_exactWithPartialGroups() {
        WeightFormat int4 = WeightFormat.parse("int4");
        // 4096 x 4096: 16,777,216 weights of 4 bits, 4096 x 32 groups of (16 + 4) bits
        assertEquals(16_777_216L / 2 + 4096L * 32 * 20 / 8, int4.bytes(4096, 4096));
        // a row of 130 inputs takes two groups
        assertEquals((130L * 4 + 2 * 20 + 7) / 8, int4.bytes(1, 130));
        // per-channel int8: one FP16 scale per output row
        assertEquals(4096L * 4096 + 4096L * 2, WeightFormat.parse("int8").bytes(4096, 4096));
        // per-tensor fp8: one FP32 scale
        assertEquals(4096L * 4096 + 4, WeightFormat.parse("fp8").bytes(4096, 4096));
        assertEquals(2L * 4096 * 4096, WeightFormat.parse("bf16").bytes(4096, 4096));
    }

    @Test
    void parse_caseInsensitiveAndUnknown() {
        assertEquals(DataType.NVFP4, WeightFormat.parse("NVFP4").elementType());
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> WeightFormat.parse("int3"));
        assertTrue(e.getMessage().contains("unknown weight format 'int3'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WeightFormat.parse("int4-g0"));
    }

    @Test
    void lowerBitsNeverMoreBytes() {
        long previous = Long.MAX_VALUE;
        for (String f : new String[] {"fp32", "bf16", "fp8", "int4-g32", "nvfp4", "mxfp4", "int4"}) {
            long b = WeightFormat.parse(f).bytes(8192, 8192);
            assertTrue(b <= previous, f);
            previous = b;
        }
    }

    @Test
    void kvFormat_scales() {
        // INT8 KV: 1 byte per element + 32 bits of scale and zero per 128-element head vector
        assertEquals(128 + 4, KvFormat.parse("int8").bytes(128, 128));
        assertEquals(64 + 4, KvFormat.parse("int4").bytes(128, 128));
        assertEquals(256, KvFormat.parse("bf16").bytes(128, 128));
        assertEquals(128, KvFormat.parse("fp8").bytes(128, 128));
        assertThrows(UnknownNameException.class, () -> KvFormat.parse("nvfp4"));
    }
}
