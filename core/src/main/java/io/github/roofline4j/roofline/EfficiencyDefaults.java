package io.github.roofline4j.roofline;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.DataType;

/**
 * The default {@link EfficiencyModel} of each accelerator family, from published measurements.
 * One set of defaults per family, the same for every model and workload; no per-case factors.
 *
 * <h2>Matrix units</h2>
 * The sustained fraction f of each measured accelerator is derived from its Maximum Achievable
 * Matmul FLOPS (MAMF, stas00/ml-engineering {@code compute/accelerator/README.md} @744d01e, the
 * mean of 100 iterations at the best shape found by {@code mamf-finder.py}): f = MAMF / (peak
 * &times; q), q being the quantization efficiency of that best shape, so that the model gives back
 * exactly the measured MAMF there. Measured: A100 SXM and PCIe, H100 SXM (BF16, FP8 E4M3), H200
 * (FP8; BF16 "same as H100"), B200, B300 and GB200 (BF16, FP8), MI300X, MI325X, MI355X (BF16),
 * Gaudi 2 and Gaudi 3 (BF16, FP8). An accelerator without its own measurement takes its family's
 * (H100 SXM's for the other Hoppers, A100 PCIe's for A10/A10G, B300's for GB300), and one with no
 * measured family (V100, L4, L40S, RTX 4090, MI250X, TPUs, Trainium) the median of all measured
 * BF16 fractions. A data type without a measurement takes the accelerator's BF16 fraction.
 *
 * <h2>Tiles</h2>
 * NVIDIA: 128&times;256, 256&times;128, 128&times;128, 128&times;64, 128&times;32 and 128&times;16
 * output tiles (NVIDIA "Matrix Multiplication Background User's Guide" §2.3; CUTLASS SM90 tiles
 * {64, 128} &times; {16, ..., 256}; TensorRT-LLM's Ampere candidates), in waves over the SMs. AMD:
 * 256&times;256, 128&times;128, 64&times;64 and 16&times;64 macro tiles (hipBLASLt gfx942/gfx950
 * solution names), in waves over the CUs. TPU: the MXU, 128&times;128 through v5p and
 * 256&times;256 from v6e, fed 8 rows at a time (jax-ml/scaling-book {@code tpus.md}; TPU7x assumed
 * as v6e). Gaudi: the 256&times;256 MME (Intel Hot Chips 2024). Trainium: the 128&times;128 systolic
 * array (AWS NKI {@code nc_matmul}). TPUs, Gaudi and Trainium are not modelled in waves. Every tile
 * is assumed to sustain the same per-unit fraction; small tiles only lose to quantization.
 *
 * <h2>Attention</h2>
 * f<sub>att</sub> = 0.658 and L<sub>0</sub> = 184 keys, solved from FlashAttention-2's measured
 * forward + backward throughput on an A100 80GB (head dimension 128, no causal mask; Dao-AILab
 * {@code assets/flash2_a100_fwd_bwd_benchmark.png}): 203 TFLOP/s at 16k keys and 151 at 512, of
 * 312. The same two parameters give FlashAttention-3's FP16 forward on an H100 within 5 % at
 * 512 to 16k keys (467 to 648 of 989 TFLOP/s), so one attention model serves both generations.
 *
 * <h2>Memory bandwidth</h2>
 * NVIDIA: 0.89, the mean of BabelStream triad and dot over A100 80GB, H100 SXM and H200 (Azure
 * AI-benchmarking-guide @8fd0c6e: 1.70/1.75 of 2.039, 2.97/3.18 of 3.35, 4.15/4.48 of 4.8 TB/s).
 * MI300X: 0.77 (RRZE-HPC gpu-benches gpu-stream: read 4199, triad 4000 of 5300 GB/s; AMD's
 * rocprofiler roofline 3911 GB/s). MI325X: 0.71 (AMD roofline validation value 4287 of 6000 GB/s).
 * MI355X: 0.88 (MI350X TransferBench 7.2 and the new roofline kernel 6.9 of 8 TB/s). MI250X: 0.82
 * (CDNA2 MI210 gpu-stream: read 1397, scale 1412 of 1638 GB/s, mean). Others: 0.82, the median of
 * the measured families.
 *
 * <h2>Kernels and collectives</h2>
 * Kernel overhead: NVIDIA 1.30 &micro;s (RRZE-HPC gpu-small-kernels with CUDA graphs: A100 1.34,
 * H200 1.26 &micro;s per back-to-back kernel); AMD 2.05 &micro;s (MI210, ROCm 6.0, where HIP graphs
 * gave no gain); others 1.675 &micro;s (their mean). Scale-up bus fraction: NVIDIA 0.794 (nccl-tests
 * ring all-reduce busbw over per-direction NVLink: A100 234.9/300, H100 370/450, H200 365.5/450,
 * B200 682/900); AMD 0.70 (8 &times; MI300X: 312.9/448); others 0.746 (their mean). Scale-out bus
 * fraction: 0.79 (4 &times; p6-b200 EFA 37/50 GB/s per GPU; 3 &times; DGX A100 HDR 84.8/100).
 * Latency per collective: scale-up NVIDIA 13.35 &micro;s (8-byte all-reduce on a DGX H100, NVIDIA
 * dgxc-benchmarking sample: 13.67/13.03), AMD 18.26 &micro;s (8 &times; MI300X rccl-tests:
 * 19.28/17.24), others 15.8 &micro;s (their mean); scale-out 28.76 &micro;s (2 &times; 8 A100 over
 * HDR InfiniBand: 27.70/29.82). An {@link io.github.roofline4j.hardware.Interconnect} with its own
 * {@code latencySeconds} overrides these.
 *
 * <p>Stateless and thread-safe.
 */
public final class EfficiencyDefaults {

    /** A published MAMF measurement: TFLOP/s at the best shape found, or an unknown shape (all zero). */
    private record Mamf(String id, DataType type, double tflops, long m, long n, long k) {
    }

    private static final List<Mamf> MAMF = List.of(
            new Mamf("a100-sxm-80gb", DataType.BF16, 271.2, 1024, 10240, 5120),
            new Mamf("a100-sxm-40gb", DataType.BF16, 271.2, 1024, 10240, 5120),
            new Mamf("a100-pcie-80gb", DataType.BF16, 252.9, 2048, 5120, 6144),
            new Mamf("h100-sxm", DataType.BF16, 794.5, 2048, 2048, 13312),
            new Mamf("h100-sxm", DataType.FP8_E4M3, 1402.6, 1024, 9216, 14336),
            new Mamf("h200-sxm", DataType.BF16, 794.5, 2048, 2048, 13312),
            new Mamf("h200-sxm", DataType.FP8_E4M3, 1453.4, 1280, 4096, 12032),
            new Mamf("b200", DataType.BF16, 1745.0, 1792, 16128, 3072),
            new Mamf("b200", DataType.FP8_E4M3, 3432.5, 15360, 4096, 3072),
            new Mamf("b300", DataType.BF16, 1769.0, 12288, 18432, 1024),
            new Mamf("b300", DataType.FP8_E4M3, 3353.3, 0, 0, 0),
            new Mamf("gb200", DataType.BF16, 1822.0, 4096, 9728, 2048),
            new Mamf("gb200", DataType.FP8_E4M3, 3615.6, 0, 0, 0),
            new Mamf("mi300x", DataType.BF16, 668.4, 10240, 15360, 8192),
            new Mamf("mi325x", DataType.BF16, 784.9, 13312, 10240, 8192),
            new Mamf("mi355x", DataType.BF16, 1565.0, 12288, 8192, 8192),
            new Mamf("gaudi2", DataType.BF16, 418.7, 14336, 15360, 2048),
            new Mamf("gaudi2", DataType.FP8_E4M3, 826.5, 0, 0, 0),
            new Mamf("gaudi3", DataType.BF16, 1243.0, 16384, 4096, 768),
            new Mamf("gaudi3", DataType.FP8_E4M3, 1289.5, 0, 0, 0));

    /** Accelerators that take another one's measured fractions (same silicon or family). */
    private static final Map<String, String> MEASURED_SIBLING = Map.ofEntries(
            Map.entry("h100-pcie", "h100-sxm"), Map.entry("h100-nvl", "h100-sxm"), Map.entry("h800", "h100-sxm"),
            Map.entry("h20", "h100-sxm"), Map.entry("a10", "a100-pcie-80gb"), Map.entry("a10g", "a100-pcie-80gb"),
            Map.entry("gb300", "b300"));

    /**
     * The median BF16 MAMF fraction: each measured accelerator once (siblings that share a
     * measurement left out), its MAMF over its datasheet dense BF16 peak, at quantization efficiency 1.
     */
    private static final double MEDIAN_BF16_FRACTION = median(271.2 / 312, 252.9 / 312, 794.5 / 989.4, 1745.0 / 2250,
            1769.0 / 2250, 1822.0 / 2500, 668.4 / 1307.4, 784.9 / 1307.4, 1565.0 / 2500, 418.7 / 432, 1243.0 / 1835);

    static final double ATTENTION_FRACTION = 0.658;
    static final double ATTENTION_FILL_KEYS = 184;

    private static final List<MatmulTile> NVIDIA_TILES = List.of(new MatmulTile(128, 256), new MatmulTile(256, 128),
            new MatmulTile(128, 128), new MatmulTile(128, 64), new MatmulTile(128, 32), new MatmulTile(128, 16));
    private static final List<MatmulTile> AMD_TILES = List.of(new MatmulTile(256, 256), new MatmulTile(128, 128),
            new MatmulTile(64, 64), new MatmulTile(16, 64));

    private EfficiencyDefaults() {
    }

    /**
     * Returns the default efficiency model of an accelerator, by its family.
     *
     * @param accelerator the accelerator (catalog or user-defined; unknown ones get the cross-family medians)
     * @return the model
     */
    public static EfficiencyModel forAccelerator(Accelerator accelerator) {
        String id = accelerator.id();
        String vendor = accelerator.vendor().toLowerCase(Locale.ROOT);
        boolean nvidia = vendor.contains("nvidia");
        boolean amd = vendor.contains("amd");
        List<MatmulTile> tiles = tilesFor(accelerator, nvidia, amd);
        boolean waves = nvidia || amd;
        String measuredId = MEASURED_SIBLING.getOrDefault(id, id);
        Map<DataType, Double> fractions = new EnumMap<>(DataType.class);
        for (Mamf p : MAMF) {
            if (p.id().equals(measuredId)) {
                fractions.put(p.type(), fraction(p, accelerator, tiles, waves));
            }
        }
        if (fractions.containsKey(DataType.FP8_E4M3)) {
            fractions.put(DataType.FP8_E5M2, fractions.get(DataType.FP8_E4M3));
        }
        double bf16 = fractions.getOrDefault(DataType.BF16, MEDIAN_BF16_FRACTION);
        if (fractions.containsKey(DataType.BF16)) {
            fractions.put(DataType.FP16, fractions.get(DataType.BF16));
        }
        String measured = fractions.isEmpty() ? "median of the MAMF-measured families" : "MAMF of " + measuredId;
        double bandwidth = memoryFraction(id, nvidia);
        double overhead = nvidia ? 1.30e-6 : amd ? 2.05e-6 : 1.675e-6;
        double busUp = nvidia ? 0.794 : amd ? 0.70 : 0.746;
        double latencyUp = nvidia ? 13.35e-6 : amd ? 18.26e-6 : 15.8e-6;
        return new EfficiencyModel(fractions, bf16, tiles, waves, ATTENTION_FRACTION, ATTENTION_FILL_KEYS, bandwidth,
                overhead, busUp, 0.79, latencyUp, 28.76e-6,
                "EfficiencyDefaults for " + id + ": matmul fraction from the " + measured
                        + "; attention from FlashAttention-2 on A100; bandwidth, kernel and collective figures of the "
                        + (nvidia ? "NVIDIA" : amd ? "AMD" : "cross-vendor") + " family (see the EfficiencyDefaults javadoc)");
    }

    private static List<MatmulTile> tilesFor(Accelerator a, boolean nvidia, boolean amd) {
        if (nvidia) {
            return NVIDIA_TILES;
        }
        if (amd) {
            return AMD_TILES;
        }
        String id = a.id();
        if (id.startsWith("tpu")) {
            int mxu = id.equals("tpu-v6e") || id.equals("tpu7x") ? 256 : 128;
            return List.of(new MatmulTile(mxu, mxu), new MatmulTile(8, mxu));
        }
        if (id.startsWith("gaudi")) {
            return List.of(new MatmulTile(256, 256));
        }
        return List.of(new MatmulTile(128, 128));
    }

    private static double fraction(Mamf p, Accelerator a, List<MatmulTile> tiles, boolean waves) {
        double peak = a.peakFlopsPerSecond(p.type());
        double q = 1;
        if (p.m() > 0) {
            EfficiencyModel probe = new EfficiencyModel(Map.of(), 1, tiles, waves, 1, 0, 1, 0, 1, 1, 0, 0, "probe");
            q = probe.quantizationEfficiency(p.m(), p.n(), 1, units(a));
        }
        return Math.min(1.2, p.tflops() * 1e12 / (peak * q));
    }

    private static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double memoryFraction(String id, boolean nvidia) {
        if (nvidia) {
            return 0.89;
        }
        return switch (id) {
            case "mi300x" -> 0.77;
            case "mi325x" -> 0.71;
            case "mi355x" -> 0.88;
            case "mi250x", "mi250x-gcd" -> 0.82;
            default -> 0.82;
        };
    }

    /**
     * Returns the compute units work is spread over, 0 when the accelerator does not say.
     *
     * @param a the accelerator
     * @return SMs, CUs, or 0
     */
    static int units(Accelerator a) {
        return a.computeUnits().map(u -> u.count()).orElse(0);
    }
}
