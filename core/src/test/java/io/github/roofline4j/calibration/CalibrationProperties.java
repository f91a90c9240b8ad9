package io.github.roofline4j.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.roofline.CollectiveParameters.Scope;
import io.github.roofline4j.roofline.EfficiencyDefaults;

/** Fits recover random true parameters from noisy synthetic data, and profiles survive JSON, for seeded draws. */
class CalibrationProperties {

    /** Noise of the synthetic timings, one standard deviation. */
    private static final double NOISE = 0.02;
    /**
     * Bandwidths and fractions are recovered within 4 % at 2 % noise: a dozen points, of which the few largest
     * carry the rate, leave a standard error of 1 % to 1.5 %.
     */
    private static final double RATE_TOLERANCE = 0.04;
    /**
     * Latencies and fills within 50 % at 2 % noise: they show only in the few smallest or shallowest points, and a
     * fill of a few hundred elements changes a 16k-deep product's time by 1 % to 3 %, the size of the noise.
     */
    private static final double OFFSET_TOLERANCE = 0.50;
    /** Without noise every parameter comes back to this relative error. */
    private static final double EXACT = 1e-3;

    private static final Accelerator H100 = Synthetic.h100();

    static LongStream seeds() {
        return LongStream.range(100, 112);
    }

    private static void within(double expected, double actual, double tolerance, String what) {
        double error = Math.abs(actual - expected) / expected;
        assertTrue(error <= tolerance, what + ": expected " + expected + ", actual " + actual + ", error " + error);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void fit_recoversRandomParameters(long seed) {
        check(seed, NOISE, RATE_TOLERANCE, OFFSET_TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void fit_noiselessDataGiveTheParametersBack(long seed) {
        check(seed, 0, EXACT, EXACT);
    }

    private static void check(long seed, double noise, double rateTolerance, double offsetTolerance) {
        Random random = new Random(seed);
        double bandwidth = 2.0e12 + random.nextDouble() * 1.3e12;
        double launch = 2e-6 + random.nextDouble() * 6e-6;
        double fraction = 0.5 + random.nextDouble() * 0.45;
        double fill = 200 + random.nextDouble() * 800;
        double latency = 8e-6 + random.nextDouble() * 40e-6;
        double bus = 100e9 + random.nextDouble() * 300e9;
        List<Measurement> ms = new ArrayList<>(Synthetic.copies(bandwidth, launch, random, noise));
        ms.addAll(Synthetic.gemms(H100, EfficiencyDefaults.forAccelerator(H100)
                .withMemoryBandwidthFraction(bandwidth / 3.35e12).withKernelOverheadSeconds(launch), DataType.BF16, fraction, fill, random, noise));
        ms.addAll(Synthetic.collective(MeasurementKind.ALLREDUCE, Scope.INTRA, new int[] {4, 8}, latency, bus, random,
                noise));
        CalibrationProfile p = Calibration.fit(H100, ms);
        within(bandwidth, p.achievableBandwidthBytesPerSecond(), rateTolerance, "bandwidth");
        within(launch, p.kernelOverheadSeconds(), offsetTolerance, "launch latency");
        within(fraction, p.matmul().get(0).peakEfficiency(), rateTolerance, "matmul fraction");
        within(fill, p.matmul().get(0).fillK(), offsetTolerance, "fill");
        within(latency, p.collectives().get(0).latencySeconds(), offsetTolerance, "collective latency");
        within(bus, p.collectives().get(0).busBandwidthBytesPerSecond(), rateTolerance, "bus bandwidth");
        assertEquals(p, CalibrationProfile.parseJson(p.toJson(), "profile.json"));
    }
}
