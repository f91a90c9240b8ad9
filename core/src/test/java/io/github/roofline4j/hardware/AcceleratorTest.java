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
        assertEquals("memoryBandwidthBytesPerSecond must be >= 1 and finite, was -1.0", e.getMessage());
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

    @Test
    void constructor_ratesAndBandwidthBelowOneRejected() {
        // before: 1e-300 passed as "positive", and peak / bandwidth overflowed to an infinite ridge point
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestAccelerators.a100().toBuilder().memoryBandwidthBytesPerSecond(1e-300).build());
        assertEquals("memoryBandwidthBytesPerSecond must be >= 1 and finite, was 1.0E-300", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TestAccelerators.a100().toBuilder().peakFlopsPerSecond(DataType.BF16, 0.5).build());
        assertEquals("peakFlopsPerSecond.BF16 must be >= 1 and finite, was 0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TestAccelerators.a100().toBuilder().vectorFlopsPerSecond(DataType.FP32, 1e-9).build());
        assertEquals("vectorFlopsPerSecond.FP32 must be >= 1 and finite, was 1.0E-9", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TestAccelerators.a100().toBuilder().peakFlopsPerSecond(DataType.BF16, Double.POSITIVE_INFINITY).build());
    }

    /** H800-like: matrix peaks from BF16 down, and only an FP64 vector rate of about 1 TFLOP/s (H800W). */
    private static Accelerator h800Like() {
        return Accelerator.builder("h800-test", "NVIDIA", "H800 test").memoryBytes(80 * Units.GB)
                .memoryBandwidthBytesPerSecond(3.35e12)
                .peakFlopsPerSecond(DataType.BF16, 989.5e12)
                .peakFlopsPerSecond(DataType.FP16, 989.5e12)
                .vectorFlopsPerSecond(DataType.FP64, 1e12)
                .build();
    }

    @Test
    void computePath_vectorUpcastsStopAtFp32() {
        // before: FP32 ran "as FP64 on the vector units" at 1 TFLOP/s
        UnsupportedDataTypeException e = assertThrows(UnsupportedDataTypeException.class,
                () -> h800Like().computePath(DataType.FP32));
        assertEquals(DataType.FP32, e.type());
        assertTrue(e.getMessage().contains("no vector rate up to FP32"), e.getMessage());
        assertThrows(UnsupportedDataTypeException.class, () -> h800Like().computePath(DataType.TF32));
    }

    @Test
    void computePath_fp64UsesItsOwnVectorRate() {
        ComputePath p = h800Like().computePath(DataType.FP64);
        assertEquals(DataType.FP64, p.executedAs());
        assertFalse(p.matrixUnits());
        assertEquals(1e12, p.flopsPerSecond());
    }

    @Test
    void computePath_fp64VectorNeverUsedForNarrowerTypes() {
        // FP64 vector faster than FP32 vector (not a real part; it isolates the rule)
        Accelerator odd = TestAccelerators.v100().toBuilder().vectorFlopsPerSecond(DataType.FP64, 30e12).build();
        ComputePath p = odd.computePath(DataType.FP32);
        assertEquals(DataType.FP32, p.executedAs());
        assertEquals(15.7e12, p.flopsPerSecond());
    }

    @Test
    void computePathRecord_validated() {
        assertThrows(IllegalArgumentException.class, () -> new ComputePath(null, DataType.BF16, true, 1e12));
        assertThrows(IllegalArgumentException.class, () -> new ComputePath(DataType.BF16, null, true, 1e12));
        assertThrows(IllegalArgumentException.class, () -> new ComputePath(DataType.BF16, DataType.BF16, true, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ComputePath(DataType.BF16, DataType.BF16, true, Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ComputePath(DataType.BF16, DataType.BF16, true, Double.POSITIVE_INFINITY));
        assertEquals("flopsPerSecond must be > 0 and finite, was Infinity", e.getMessage());
    }

    @Test
    void interconnect_negativeZeroLatencyStoredAsZero() {
        Interconnect a = Interconnect.of("link", 1e9).withLatencySeconds(-0.0);
        Interconnect b = Interconnect.of("link", 1e9).withLatencySeconds(0.0);
        assertEquals(b, a);
        assertEquals(0, Double.compare(0.0, a.latencySeconds().getAsDouble()));
        assertThrows(IllegalArgumentException.class, () -> Interconnect.of("link", 1e9).withLatencySeconds(-1e-9));
    }
}
