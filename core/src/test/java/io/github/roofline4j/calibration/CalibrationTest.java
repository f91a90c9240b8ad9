package io.github.roofline4j.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.InferenceEstimator;
import io.github.roofline4j.inference.ServingPlan;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.roofline.CollectiveParameters;
import io.github.roofline4j.roofline.CollectiveParameters.Scope;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.training.TrainingEstimate;
import io.github.roofline4j.training.TrainingEstimator;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.workload.CollectiveKind;

class CalibrationTest {

    /** Noise of the synthetic timings: 2 % (one standard deviation), multiplicative. */
    private static final double NOISE = 0.02;
    /** Recovered bandwidths within 2 % of the truth at 2 % noise. */
    private static final double BANDWIDTH_TOLERANCE = 0.02;
    /** Recovered latencies within 10 % of the truth at 2 % noise. */
    private static final double LATENCY_TOLERANCE = 0.10;
    /** Recovered matmul fractions within 2 % of the truth at 2 % noise. */
    private static final double FRACTION_TOLERANCE = 0.02;
    /** Recovered K-loop fills within 15 % of the truth at 2 % noise. */
    private static final double FILL_TOLERANCE = 0.15;
    /** Exact fits: noiseless data reproduce the parameters to this relative error. */
    private static final double EXACT = 1e-6;

    private static final Accelerator H100 = Synthetic.h100();

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        double error = Math.abs(actual - expected) / expected;
        assertTrue(error <= tolerance, what + ": expected " + expected + ", actual " + actual + ", relative error "
                + error + " above " + tolerance);
    }

    @Test
    void fit_copiesRecoverBandwidthAndLatency() {
        List<Measurement> ms = Synthetic.copies(2.95e12, 4e-6, new Random(1), NOISE);
        CalibrationProfile p = Calibration.fit(H100, ms);
        assertRelative(2.95e12, p.achievableBandwidthBytesPerSecond(), BANDWIDTH_TOLERANCE, "bandwidth");
        assertRelative(4e-6, p.kernelOverheadSeconds(), LATENCY_TOLERANCE, "latency");
        assertEquals(ms.size(), p.memoryFit().pointCount());
        assertTrue(p.memoryFit().rSquared() > 0.99, "R² " + p.memoryFit().rSquared());
        assertTrue(p.memoryFit().maxRelativeError() < 5 * NOISE, p.memoryFit().toString());
    }

    @Test
    void fit_noiselessCopiesAreExact() {
        CalibrationProfile p = Calibration.fit(H100, Synthetic.copies(2.95e12, 4e-6, new Random(2), 0));
        assertRelative(2.95e12, p.achievableBandwidthBytesPerSecond(), EXACT, "bandwidth");
        assertRelative(4e-6, p.kernelOverheadSeconds(), EXACT, "latency");
        assertEquals(1.0, p.memoryFit().rSquared(), EXACT);
    }

    @Test
    void fit_collectivesRecoverAlphaBetaPerKindAndScope() {
        Random random = new Random(3);
        List<Measurement> ms = new ArrayList<>(Synthetic.collective(MeasurementKind.ALLREDUCE, Scope.INTRA,
                new int[] {2, 4, 8}, 18e-6, 360e9, random, NOISE));
        ms.addAll(Synthetic.collective(MeasurementKind.ALLGATHER, Scope.INTER, new int[] {16}, 40e-6, 42e9, random,
                NOISE));
        ms.addAll(Synthetic.collective(MeasurementKind.SENDRECV, Scope.INTER, new int[] {2}, 9e-6, 48e9, random,
                NOISE));
        CalibrationProfile p = Calibration.fit(H100, ms);
        assertEquals(3, p.collectives().size());
        CollectiveFit ar = p.collectives().get(0);
        assertEquals("allreduce", ar.kind());
        assertEquals("intra", ar.scope());
        assertRelative(18e-6, ar.latencySeconds(), LATENCY_TOLERANCE, "all-reduce latency");
        assertRelative(360e9, ar.busBandwidthBytesPerSecond(), BANDWIDTH_TOLERANCE, "all-reduce bus bandwidth");
        CollectiveFit ag = p.collectives().get(1);
        assertEquals("allgather", ag.kind());
        assertEquals("inter", ag.scope());
        assertRelative(40e-6, ag.latencySeconds(), LATENCY_TOLERANCE, "all-gather latency");
        assertRelative(42e9, ag.busBandwidthBytesPerSecond(), BANDWIDTH_TOLERANCE, "all-gather bus bandwidth");
        assertRelative(48e9, p.collectives().get(2).busBandwidthBytesPerSecond(), BANDWIDTH_TOLERANCE, "send/recv");
        assertNull(p.achievableBandwidthBytesPerSecond());
    }

    @Test
    void fit_gemmsRecoverFractionAndFill() {
        List<Measurement> ms = Synthetic.gemms(H100, DataType.BF16, 0.78, 320, new Random(4), NOISE);
        CalibrationProfile p = Calibration.fit(H100, ms);
        MatmulFit f = p.matmul().get(0);
        assertEquals("bf16", f.dtype());
        assertRelative(0.78, f.peakEfficiency(), FRACTION_TOLERANCE, "fraction");
        assertRelative(320, f.fillK(), FILL_TOLERANCE, "fill");
        assertEquals(ms.size(), f.fit().pointCount());
        assertTrue(f.fit().rSquared() > 0.99, f.fit().toString());
    }

    @Test
    void fit_noiselessGemmsAreExact() {
        CalibrationProfile p = Calibration.fit(H100, Synthetic.gemms(H100, DataType.FP8_E4M3, 0.66, 700,
                new Random(5), 0));
        assertRelative(0.66, p.matmul().get(0).peakEfficiency(), 1e-4, "fraction");
        assertRelative(700, p.matmul().get(0).fillK(), 1e-3, "fill");
    }

    @Test
    void fit_onePointIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Calibration.fit(H100, List.of(Measurement.copy(1e9, 4e-4))));
        assertTrue(e.getMessage().contains("copy: needs at least 3 measurements"), e.getMessage());
    }

    @Test
    void fit_allTheSameSizeIsRefused() {
        List<Measurement> ms = List.of(Measurement.collective(MeasurementKind.ALLREDUCE, 1e9, 8, Scope.INTRA, 5e-3),
                Measurement.collective(MeasurementKind.ALLREDUCE, 1e9, 8, Scope.INTRA, 5.1e-3),
                Measurement.collective(MeasurementKind.ALLREDUCE, 1e9, 8, Scope.INTRA, 4.9e-3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibration.fit(H100, ms));
        assertTrue(e.getMessage().contains("allreduce intra: every measurement has bus bytes = 1750000000"),
                e.getMessage());
        assertTrue(e.getMessage().contains("measure at least two sizes"), e.getMessage());
    }

    @Test
    void fit_timesThatDoNotGrowAreRefused() {
        List<Measurement> ms = List.of(Measurement.copy(1e6, 3e-3), Measurement.copy(1e8, 2e-3),
                Measurement.copy(1e9, 1e-3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibration.fit(H100, ms));
        assertTrue(e.getMessage().contains("does not grow with bytes"), e.getMessage());
    }

    @Test
    void measurement_negativeTimeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Measurement.copy(1e9, -1));
        assertEquals("seconds must be > 0 and finite, was -1.0", e.getMessage());
    }

    @Test
    void fit_singleDepthGemmsAreRefused() {
        List<Measurement> ms = List.of(Measurement.gemm(DataType.BF16, 4096, 4096, 4096, 2e-4),
                Measurement.gemm(DataType.BF16, 8192, 8192, 4096, 8e-4),
                Measurement.gemm(DataType.BF16, 2048, 8192, 4096, 2e-4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibration.fit(H100, ms));
        assertTrue(e.getMessage().contains("gemm bf16: every GEMM has k = 4096, so fillK cannot be told apart"),
                e.getMessage());
    }

    @Test
    void fit_memoryBoundGemmsAreRefused() {
        // GEMVs (m = 1) are memory-bound: their times say nothing about the matrix units
        List<Measurement> ms = List.of(Measurement.gemm(DataType.BF16, 1, 8192, 8192, 45e-6),
                Measurement.gemm(DataType.BF16, 1, 8192, 16384, 90e-6),
                Measurement.gemm(DataType.BF16, 1, 16384, 16384, 180e-6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibration.fit(H100, ms));
        assertTrue(e.getMessage().contains("peakEfficiency cannot be determined"), e.getMessage());
    }

    @Test
    void fit_impossiblySlowGemmsAreRefused() {
        List<Measurement> ms = List.of(Measurement.gemm(DataType.BF16, 8192, 8192, 8192, 10),
                Measurement.gemm(DataType.BF16, 8192, 8192, 1024, 1.3), Measurement.gemm(DataType.BF16, 4096, 4096, 4096, 1.4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibration.fit(H100, ms));
        assertTrue(e.getMessage().contains("peakEfficiency reaches its lower bound"), e.getMessage());
    }

    @Test
    void fit_everyProblemIsReportedTogether() {
        List<Measurement> ms = List.of(Measurement.copy(1e9, 4e-4),
                Measurement.collective(MeasurementKind.ALLTOALL, 1e6, 8, Scope.INTER, 1e-4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibration.fit(H100, ms));
        assertTrue(e.getMessage().startsWith("cannot calibrate calibration-h100: copy: "), e.getMessage());
        assertTrue(e.getMessage().contains("; alltoall inter: "), e.getMessage());
    }

    @Test
    void fit_bandwidthAboveTheDatasheetIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Calibration.fit(H100, Synthetic.copies(5e12, 4e-6, new Random(6), 0)));
        assertTrue(e.getMessage().contains("times the datasheet bandwidth"), e.getMessage());
    }

    @Test
    void profile_roundTripsThroughJson() {
        Random random = new Random(7);
        List<Measurement> ms = new ArrayList<>(Synthetic.copies(2.9e12, 3e-6, random, NOISE));
        ms.addAll(Synthetic.gemms(H100, DataType.BF16, 0.8, 200, random, NOISE));
        ms.addAll(Synthetic.collective(MeasurementKind.REDUCESCATTER, Scope.INTRA, new int[] {8}, 15e-6, 350e9, random,
                NOISE));
        CalibrationProfile p = Calibration.fit(H100, ms);
        assertEquals(p, CalibrationProfile.parseJson(p.toJson(), "profile.json"));
        CalibrationProfile hand = new CalibrationProfile("calibration-h100", null, null, null, List.of(),
                List.of(new MatmulFit("bf16", 0.7, 0, null)));
        assertEquals(hand, CalibrationProfile.parseJson(hand.toJson(), "hand.json"));
    }

    @Test
    void profile_unknownOrMissingFieldsAreErrors() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> CalibrationProfile.parseJson("{\"hardware\": \"x\", \"achievableBandwidthBytesPerSecond\": null, "
                        + "\"kernelOverheadSeconds\": null, \"collectives\": [], \"matmul\": [], \"bandwith\": 1}", "p.json"));
        assertTrue(unknown.getMessage().startsWith("p.json: $.bandwith: unknown field"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> CalibrationProfile.parseJson("{\"hardware\": \"x\", \"collectives\": [], \"matmul\": []}", "p.json"));
        assertTrue(missing.getMessage().contains("$.achievableBandwidthBytesPerSecond: is missing"),
                missing.getMessage());
    }

    @Test
    void profile_forAnotherAcceleratorIsRefused() {
        CalibrationProfile p = new CalibrationProfile("a100-sxm-80gb", 1.7e12, null, null, List.of(), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.efficiencyFor(H100));
        assertTrue(e.getMessage().contains("measured on a100-sxm-80gb"), e.getMessage());
    }

    /** The profile's model, and the same numbers set by hand in an EfficiencyModel, price identically. */
    @Test
    void estimate_withProfileEqualsHandSetModel() {
        CalibrationProfile p = new CalibrationProfile("calibration-h100", 2.9e12, 3e-6, null,
                List.of(new CollectiveFit("allreduce", "intra", 21e-6, 340e9, null)),
                List.of(new MatmulFit("bf16", 0.74, 410, null)));
        EfficiencyModel d = EfficiencyDefaults.forAccelerator(H100);
        EfficiencyModel hand = new EfficiencyModel(Map.of(DataType.BF16, 0.74, DataType.FP8_E4M3,
                d.matmulFraction(DataType.FP8_E4M3)), d.defaultMatmulFraction(), d.tiles(), d.waveQuantization(),
                d.attentionFraction(), d.attentionFillKeys(), 2.9e12 / 3.35e12, 3e-6, d.scaleUpBusFraction(),
                d.scaleOutBusFraction(), d.scaleUpLatencySeconds(), d.scaleOutLatencySeconds(), "by hand",
                Map.of(DataType.BF16, 410.0),
                List.of(new CollectiveParameters(CollectiveKind.ALL_REDUCE, Scope.INTRA, 21e-6, 340e9)));
        ClusterSpec node = ClusterSpec.of(H100, 8);
        ServingPlan serving = ServingPlan.builder().tensorParallel(8).batch(16).promptTokens(2048).outputTokens(256)
                .build();
        InferenceEstimate calibrated = InferenceEstimator.estimate(Models.get("llama-3.1-70b"), node, serving,
                p.efficiencyFor(H100));
        InferenceEstimate byHand = InferenceEstimator.estimate(Models.get("llama-3.1-70b"), node, serving, hand);
        assertEquals(byHand.prefillSeconds(), calibrated.prefillSeconds());
        assertEquals(byHand.decodeSecondsPerToken(), calibrated.decodeSecondsPerToken());
        assertEquals(byHand.endToEndSeconds(), calibrated.endToEndSeconds());
        ParallelPlan training = ParallelPlan.builder().tensorParallel(8).dataParallel(1).microBatchSize(1)
                .globalBatchSize(8).sequenceTokens(4096).build();
        TrainingEstimate t1 = TrainingEstimator.estimate(Models.get("llama-3.1-8b"), node, training, null,
                p.efficiencyFor(H100), TrainingEstimator.DEFAULT_MEMORY_UTILIZATION);
        TrainingEstimate t2 = TrainingEstimator.estimate(Models.get("llama-3.1-8b"), node, training, null, hand,
                TrainingEstimator.DEFAULT_MEMORY_UTILIZATION);
        assertEquals(t2.stepSeconds(), t1.stepSeconds());
        assertNotNull(t1);
    }

    /** A measured all-reduce replaces the link-derived price inside a node, and only there. */
    @Test
    void estimate_measuredCollectiveChangesTheCommunication() {
        CalibrationProfile slow = new CalibrationProfile("calibration-h100", null, null, null,
                List.of(new CollectiveFit("allreduce", "intra", 200e-6, 50e9, null)), List.of());
        ClusterSpec node = ClusterSpec.of(H100, 8);
        ServingPlan serving = ServingPlan.builder().tensorParallel(8).batch(1).promptTokens(512).outputTokens(64)
                .build();
        InferenceEstimate defaults = InferenceEstimator.estimate(Models.get("llama-3.1-70b"), node, serving,
                EfficiencyDefaults.forAccelerator(H100));
        InferenceEstimate calibrated = InferenceEstimator.estimate(Models.get("llama-3.1-70b"), node, serving,
                slow.efficiencyFor(H100));
        assertTrue(calibrated.decodeSecondsPerToken() > defaults.decodeSecondsPerToken() + 80 * 2 * 150e-6,
                defaults.decodeSecondsPerToken() + " vs " + calibrated.decodeSecondsPerToken());
    }
}
