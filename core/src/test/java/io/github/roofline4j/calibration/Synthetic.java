package io.github.roofline4j.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.hardware.Interconnect;
import io.github.roofline4j.roofline.CollectiveModel;
import io.github.roofline4j.roofline.CollectiveParameters.Scope;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.roofline.Pricer;
import io.github.roofline4j.workload.Operation;

/**
 * Synthetic measurements generated from known parameters with seeded multiplicative noise, and the accelerator
 * they are "measured" on.
 */
final class Synthetic {

    private Synthetic() {
    }

    /** An H100 SXM by hand (NVIDIA H100 datasheet: 989.4 TFLOP/s BF16 dense, 3.35 TB/s, 132 SMs, NVLink 450 GB/s). */
    static Accelerator h100() {
        return Accelerator.builder("calibration-h100", "NVIDIA", "H100 SXM for calibration tests").memoryBytes(80_000_000_000L)
                .memoryBandwidthBytesPerSecond(3.35e12).peakFlopsPerSecond(DataType.BF16, 989.4e12)
                .peakFlopsPerSecond(DataType.FP8_E4M3, 1978.9e12).vectorFlopsPerSecond(DataType.FP32, 66.9e12)
                .computeUnits(132, "SM").scaleUp(Interconnect.of("NVLink 4", 450e9)).scaleUpDomainDevices(8)
                .devicesPerNode(8).scaleOut(Interconnect.of("NDR", 50e9)).build();
    }

    /** Noise factor 1 + noise * N(0, 1), never below 0.5. */
    static double noisy(Random random, double noise) {
        return Math.max(0.5, 1 + noise * random.nextGaussian());
    }

    /** Copies from 1 MB to 8 GB (bytes read plus written), twelve sizes. */
    static List<Measurement> copies(double bandwidthBytesPerSecond, double latencySeconds, Random random,
            double noise) {
        List<Measurement> ms = new ArrayList<>();
        for (double bytes = 1e6; bytes <= 8.2e9; bytes *= 2.25) {
            ms.add(Measurement.copy(Math.rint(bytes), (latencySeconds + bytes / bandwidthBytesPerSecond)
                    * noisy(random, noise)));
        }
        return ms;
    }

    /** A collective at sizes from 8 KB to 1 GB over the given group sizes. */
    static List<Measurement> collective(MeasurementKind kind, Scope scope, int[] groups, double latencySeconds,
            double busBytesPerSecond, Random random, double noise) {
        List<Measurement> ms = new ArrayList<>();
        for (int group : groups) {
            for (double bytes = 8192; bytes <= 1.1e9; bytes *= 4) {
                double busBytes = CollectiveModel.busBytes(kind.collective(), group, bytes);
                ms.add(Measurement.collective(kind, bytes, group, scope,
                        (latencySeconds + busBytes / busBytesPerSecond) * noisy(random, noise)));
            }
        }
        return ms;
    }

    /** GEMMs of several shapes and depths, timed by the default model with a known fraction and fill. */
    static List<Measurement> gemms(Accelerator a, DataType type, double fraction, double fillK, Random random,
            double noise) {
        return gemms(a, EfficiencyDefaults.forAccelerator(a), type, fraction, fillK, random, noise);
    }

    /** GEMMs of several shapes and depths, timed by a model with a known fraction and fill. */
    static List<Measurement> gemms(Accelerator a, EfficiencyModel base, DataType type, double fraction, double fillK,
            Random random, double noise) {
        EfficiencyModel truth = base.withMatmul(type, fraction, fillK);
        Pricer pricer = new Pricer(a, truth);
        List<Measurement> ms = new ArrayList<>();
        long[] sizes = {1024, 2048, 4096, 8192};
        long[] depths = {256, 512, 1024, 4096, 16384};
        double outputBytes = type.bitsPerElement() < 16 ? 2 : type.bytesPerElement();
        for (long m : sizes) {
            for (long k : depths) {
                long n = 2 * m;
                Operation op = Operation.matmul("gemm", type, m, n, k, 1,
                        ((double) m * k + (double) k * n) * type.bytesPerElement(), (double) m * n * outputBytes);
                ms.add(Measurement.gemm(type, m, n, k, pricer.seconds(op) * noisy(random, noise)));
            }
        }
        return ms;
    }
}
