package io.github.roofline4j.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.roofline4j.units.Units;

class AcceleratorTest {

    @Test
    void computePath_fp8OnA100RunsAsBf16() {
        ComputePath p = TestAccelerators.a100().computePath(DataType.FP8_E4M3);
        assertEquals(DataType.BF16, p.executedAs());
        assertTrue(p.matrixUnits());
        assertFalse(p.isNative());
        assertEquals(312e12, p.flopsPerSecond());
        assertTrue(p.describe().contains("runs as BF16"), p.describe());
    }

    @Test
    void computePath_nativeWhenListed() {
        ComputePath p = TestAccelerators.a100().computePath(DataType.INT8);
        assertTrue(p.isNative());
        assertEquals(624e12, p.flopsPerSecond());
    }

    @Test
    void computePath_bf16OnV100FallsToFp32VectorUnits() {
        ComputePath p = TestAccelerators.v100().computePath(DataType.BF16);
        assertFalse(p.matrixUnits());
        assertEquals(DataType.FP32, p.executedAs());
        assertEquals(15.7e12, p.flopsPerSecond());
    }

    @Test
    void computePath_fp32UsesVectorUnitsWhenNoFp32Matrix() {
        ComputePath p = TestAccelerators.a100().computePath(DataType.FP32);
        assertEquals(DataType.FP32, p.executedAs());
        assertFalse(p.matrixUnits());
        assertEquals(19.5e12, p.flopsPerSecond());
    }

    @Test
    void computePath_fp32UsesFp64MatrixOnlyWhenStrictlyFaster() {
        Accelerator fastFp64 = TestAccelerators.a100().toBuilder().peakFlopsPerSecond(DataType.FP64, 40e12).build();
        ComputePath p = fastFp64.computePath(DataType.FP32);
        assertEquals(DataType.FP64, p.executedAs());
        assertTrue(p.matrixUnits());
        assertEquals(40e12, p.flopsPerSecond());
    }

    @Test
    void computePath_nvfp4OnA100UpcastsToBf16NotInt8() {
        ComputePath p = TestAccelerators.a100().computePath(DataType.NVFP4);
        assertEquals(DataType.BF16, p.executedAs());
    }

    @Test
    void computePath_int4PrefersFasterNativeInt4() {
        assertEquals(1248e12, TestAccelerators.a100().peakFlopsPerSecond(DataType.INT4));
    }

    @Test
    void computePath_unsupportedWhenNoRateAtAll() {
        Accelerator fp16Only = Accelerator.builder("x", "V", "X").memoryBytes(1).memoryBandwidthBytesPerSecond(1)
                .peakFlopsPerSecond(DataType.FP16, 1e12).build();
        UnsupportedDataTypeException e = assertThrows(UnsupportedDataTypeException.class,
                () -> fp16Only.computePath(DataType.FP32));
        assertTrue(e.getMessage().contains("x has no known rate for FP32"), e.getMessage());
    }

    @Test
    void constructor_rejectsNonPositiveFiguresNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestAccelerators.a100().toBuilder().memoryBandwidthBytesPerSecond(-1).build());
        assertEquals("memoryBandwidthBytesPerSecond must be > 0 and finite, was -1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestAccelerators.a100().toBuilder().memoryBytes(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> TestAccelerators.a100().toBuilder().peakFlopsPerSecond(DataType.BF16, Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> TestAccelerators.a100().toBuilder().tdpWatts(0).build());
        assertThrows(IllegalArgumentException.class, () -> TestAccelerators.a100().toBuilder().launchYear(3000).build());
    }

    @Test
    void constructor_rejectsBadIdsAndAliases() {
        assertThrows(IllegalArgumentException.class, () -> TestAccelerators.a100().toBuilder().id("H100").build());
        assertThrows(IllegalArgumentException.class, () -> TestAccelerators.a100().toBuilder().id("h 100").build());
        assertThrows(IllegalArgumentException.class,
                () -> TestAccelerators.a100().toBuilder().aliases(List.of("a", "a")).build());
        assertThrows(IllegalArgumentException.class,
                () -> TestAccelerators.a100().toBuilder().aliases(List.of("a100-test")).build());
    }

    @Test
    void constructor_rejectsSourceOfAbsentFigure() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestAccelerators.a100().toBuilder().source("peakFlopsPerSecond.FP8_E4M3", "somewhere").build());
        assertTrue(e.getMessage().contains("not a figure"), e.getMessage());
    }

    @Test
    void constructor_rejectsNoRates() {
        assertThrows(IllegalArgumentException.class, () -> Accelerator.builder("x", "V", "X").memoryBytes(1)
                .memoryBandwidthBytesPerSecond(1).build());
    }

    @Test
    void collections_areImmutableCopies() {
        Accelerator a = TestAccelerators.a100();
        assertThrows(UnsupportedOperationException.class, () -> a.peakFlopsPerSecond().put(DataType.FP6, 1.0));
        assertThrows(UnsupportedOperationException.class, () -> a.aliases().add("x"));
    }

    @Test
    void isNamed_ignoresCaseAndSeparators() {
        Accelerator a = TestAccelerators.a100().toBuilder().aliases(List.of("a100-80gb")).build();
        assertTrue(a.isNamed("A100 80GB"));
        assertTrue(a.isNamed("a100_test"));
        assertFalse(a.isNamed("a100"));
    }

    @Test
    void toString_summary() {
        assertEquals("A100 test (a100-test): 80 GB at 2.039 TB/s, 312 TFLOP/s BF16", TestAccelerators.a100().toString());
    }

    @Test
    void figureKeys_listPresentFigures() {
        Accelerator a = TestAccelerators.a100().toBuilder().onChipCacheBytes(40 * Units.MB).build();
        assertTrue(a.figureKeys().contains("peakFlopsPerSecond.BF16"));
        assertTrue(a.figureKeys().contains("onChipCacheBytes"));
        assertFalse(a.figureKeys().contains("tdpWatts"));
    }
}
