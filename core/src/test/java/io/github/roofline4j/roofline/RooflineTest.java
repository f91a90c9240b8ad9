package io.github.roofline4j.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.hardware.UnsupportedDataTypeException;
import io.github.roofline4j.units.Units;

class RooflineTest {

    /** H100 SXM: 989.4 TFLOP/s BF16 dense, 3.35 TB/s (H100 whitepaper v1.04). */
    private static final Accelerator H100 = Accelerator.builder("h100-test", "NVIDIA", "H100")
            .memoryBytes(80 * Units.GB).memoryBandwidthBytesPerSecond(3.35e12)
            .peakFlopsPerSecond(DataType.BF16, 989.4e12).peakFlopsPerSecond(DataType.FP8_E4M3, 1978.9e12).build();

    @Test
    void ridgePoint_peakOverBandwidth() {
        assertEquals(989.4e12 / 3.35e12, Roofline.of(H100, DataType.BF16).ridgePointFlopsPerByte(), 1e-9);
        assertEquals(1978.9e12 / 3.35e12, Roofline.of(H100, DataType.FP8_E4M3).ridgePointFlopsPerByte(), 1e-9);
    }

    @Test
    void attainable_minOfRoofAndSlope() {
        Roofline r = Roofline.of(H100, DataType.BF16);
        assertEquals(3.35e14, r.attainableFlopsPerSecond(100), 1);
        assertEquals(989.4e12, r.attainableFlopsPerSecond(1000), 1);
        assertEquals(0, r.attainableFlopsPerSecond(0));
    }

    @Test
    void bound_memoryBelowRidgeComputeAtOrAbove() {
        Roofline r = Roofline.of(H100, DataType.BF16);
        assertEquals(Bound.MEMORY, r.boundAt(1));
        assertEquals(Bound.COMPUTE, r.boundAt(r.ridgePointFlopsPerByte()));
        assertEquals(Bound.COMPUTE, r.boundAt(1e6));
    }

    @Test
    void upcastPathSetsTheRoof() {
        // only E4M3 is listed on this hand-built H100: E5M2 runs as BF16
        Roofline r = Roofline.of(H100, DataType.FP8_E5M2);
        assertEquals(DataType.BF16, r.path().executedAs());
        assertEquals(989.4e12, r.peakFlopsPerSecond());
    }

    @Test
    void unsupportedTypeRejected() {
        assertThrows(UnsupportedDataTypeException.class, () -> Roofline.of(H100, DataType.FP16));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
    void attainable_rejectsBadIntensity(double intensity) {
        assertThrows(IllegalArgumentException.class, () -> Roofline.of(H100, DataType.BF16).attainableFlopsPerSecond(intensity));
    }

    @Test
    void toString_readable() {
        assertEquals("h100-test BF16: roof 989.4 TFLOP/s, slope 3.35 TB/s, ridge point 295.3 FLOP/byte",
                Roofline.of(H100, DataType.BF16).toString());
    }
}
