package io.github.roofline4j.catalog.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.catalog.validation.PublishedResult.Check;
import io.github.roofline4j.catalog.validation.PublishedResult.Group;
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.hardware.Interconnect;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.InferenceEstimator;
import io.github.roofline4j.inference.ServingPlan;
import io.github.roofline4j.model.Attention;
import io.github.roofline4j.model.AttentionMask;
import io.github.roofline4j.model.Mlp;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.Norm;
import io.github.roofline4j.model.ParameterCount;
import io.github.roofline4j.model.Positions;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.model.TrainingFlops;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.quant.WeightFormat;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.roofline.Pricer;
import io.github.roofline4j.training.TrainingEstimate;
import io.github.roofline4j.training.TrainingEstimator;
import io.github.roofline4j.workload.Operation;

/**
 * Every published result bundled with the library, each with its source and the tolerance the
 * validation tests allow, and the library's prediction of it: the one place the validation data
 * live, used by the validation tests and by {@code roofline4j validate}. The numbers come from
 * validation-public.md and the sources it cites; every case runs with the default efficiency model
 * of its accelerator and nothing fitted to these tables (except where a case says it is a
 * consistency check of a derivation).
 *
 * <p>Each method runs the library on its cases when called. Stateless and thread-safe.
 */
public final class PublishedResults {

    /** Megatron-LM Table 1 (family name, used by the median check). */
    public static final String MEGATRON_TABLE_1 = "Megatron-LM Table 1";
    /** gpt-fast BF16 decode (family name, used by the median check). */
    public static final String GPT_FAST_BF16 = "gpt-fast BF16 decode";
    /** gpt-fast weight-only INT8/INT4 decode. */
    public static final String GPT_FAST_QUANTIZED = "gpt-fast weight-only INT8/INT4 decode";

    static final String GPT_FAST_SOURCE = "meta-pytorch/gpt-fast README @6ecad9b5 (validation-public.md §4.3): "
            + "8 x A100-80GB at 330 W, batch 1, prompt 5 tokens, 200 tokens generated";
    /** The empirical bandwidth ceiling gpt-fast's README states for its 330 W A100-80GB, bytes per second. */
    static final double GPT_FAST_CEILING_BYTES_PER_SECOND = 1700e9;
    /** The datasheet bandwidth of the A100-80GB SXM, bytes per second (the catalog's figure). */
    static final double A100_80GB_BYTES_PER_SECOND = 2.039e12;

    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();

    private PublishedResults() {
    }

    /**
     * Returns every case of every group.
     *
     * @return kernels, inference, training, memory and parameters, in that order
     */
    public static List<PublishedResult> all() {
        List<PublishedResult> all = new ArrayList<>(kernels());
        all.addAll(inference());
        all.addAll(training());
        all.addAll(memory());
        all.addAll(parameters());
        return List.copyOf(all);
    }

    // ---------------------------------------------------------------- kernels

    /**
     * Kernel throughputs: FlashAttention-2 on A100 and FlashAttention-3 on H100 (the attention parameters were
     * solved from the first A100 row's 512 and 16k points; every other row is a check), DeepGEMM FP8 on H800, and
     * the MAMF the matmul fractions were derived from (consistency).
     *
     * @return the cases
     */
    public static List<PublishedResult> kernels() {
        List<PublishedResult> out = new ArrayList<>();
        // id, head dim, causal, sequence, TFLOP/s
        Object[][] flash = {
                {"a100-sxm-80gb", 128, false, 512, 151.0}, {"a100-sxm-80gb", 128, false, 2048, 187.0},
                {"a100-sxm-80gb", 128, false, 8192, 201.0}, {"a100-sxm-80gb", 128, false, 16384, 203.0},
                {"a100-sxm-80gb", 64, false, 512, 132.0}, {"a100-sxm-80gb", 64, false, 2048, 162.0},
                {"a100-sxm-80gb", 64, false, 16384, 176.0},
                {"a100-sxm-80gb", 128, true, 512, 99.0}, {"a100-sxm-80gb", 128, true, 1024, 133.0},
                {"a100-sxm-80gb", 128, true, 2048, 155.0}, {"a100-sxm-80gb", 128, true, 4096, 173.0},
                {"a100-sxm-80gb", 128, true, 8192, 182.0}, {"a100-sxm-80gb", 128, true, 16384, 189.0},
                {"a100-sxm-80gb", 64, true, 512, 88.0}, {"a100-sxm-80gb", 64, true, 4096, 156.0},
                {"h100-sxm", 128, false, 512, 467.0}, {"h100-sxm", 128, false, 2048, 625.0},
                {"h100-sxm", 128, false, 4096, 638.0}, {"h100-sxm", 128, false, 16384, 648.0},
                {"h100-sxm", 128, true, 512, 292.0}, {"h100-sxm", 128, true, 1024, 423.0},
                {"h100-sxm", 128, true, 2048, 521.0}, {"h100-sxm", 128, true, 4096, 579.0},
                {"h100-sxm", 128, true, 8192, 602.0}, {"h100-sxm", 128, true, 16384, 616.0}};
        for (Object[] row : flash) {
            String id = (String) row[0];
            int headDim = (Integer) row[1];
            boolean causal = (Boolean) row[2];
            int seq = (Integer) row[3];
            Accelerator a = CATALOG.get(id);
            EfficiencyModel e = EfficiencyDefaults.forAccelerator(a);
            double keys = causal ? (seq + 1) / 2.0 : seq;
            double predicted = a.peakFlopsPerSecond(DataType.BF16) * e.attentionEfficiency(seq, 1, keys, causal) / 1e12;
            boolean a100 = id.startsWith("a100");
            out.add(new PublishedResult(Group.KERNELS, a100 ? "FlashAttention-2 fwd+bwd, A100" : "FlashAttention-3 FP16 fwd, H100",
                    id + " hdim" + headDim + (causal ? " causal " : " ") + seq, "TFLOP/s", (Double) row[4], predicted,
                    0.20, Check.WITHIN, "Dao-AILab/flash-attention " + (a100 ? "assets/flash2_a100_fwd_bwd_benchmark.png"
                            : "assets/flash3_fp16_fwd.png") + " (validation-public.md §4.2); batch 16k/seqlen, hidden 2048"));
        }
        // m, n, k, TFLOP/s, tolerance: large-M rows within +3 % to +7 %; M = 64 and 128 rows +8 % to +60 %;
        // K = 512 +135 % (the default model has no K-loop fill)
        double[][] deepGemm = {{4096, 7168, 16384, 1358, 0.10}, {4096, 4096, 7168, 1304, 0.10},
                {4096, 2112, 7168, 1058, 0.35}, {128, 7168, 16384, 645, 0.20}, {64, 7168, 16384, 336, 0.20},
                {128, 2112, 7168, 352, 0.70}, {64, 2112, 7168, 206, 0.50}, {4096, 32768, 512, 590, 1.50}};
        Accelerator h800 = CATALOG.get("h800");
        Pricer pricer = new Pricer(h800, EfficiencyDefaults.forAccelerator(h800));
        for (double[] row : deepGemm) {
            long m = (long) row[0];
            long n = (long) row[1];
            long k = (long) row[2];
            Operation op = Operation.matmul("gemm", DataType.FP8_E4M3, m, n, k, 1, (double) n * k + (double) m * k,
                    2.0 * m * n);
            out.add(new PublishedResult(Group.KERNELS, "DeepGEMM FP8, H800", "DeepGEMM " + m + "x" + n + "x" + k,
                    "TFLOP/s", row[3], op.flops() / pricer.seconds(op) / 1e12, row[4], Check.WITHIN,
                    "deepseek-ai/DeepGEMM README, Feb 2025: FP8 GEMMs on H800"));
        }
        // id, type, MAMF TFLOP/s, best shape m, n, k
        Object[][] mamf = {{"a100-sxm-80gb", DataType.BF16, 271.2, 1024, 10240, 5120},
                {"h100-sxm", DataType.BF16, 794.5, 2048, 2048, 13312},
                {"h100-sxm", DataType.FP8_E4M3, 1402.6, 1024, 9216, 14336},
                {"b200", DataType.BF16, 1745.0, 1792, 16128, 3072},
                {"mi300x", DataType.BF16, 668.4, 10240, 15360, 8192},
                {"gaudi2", DataType.BF16, 418.7, 14336, 15360, 2048}};
        for (Object[] row : mamf) {
            Accelerator a = CATALOG.get((String) row[0]);
            DataType type = (DataType) row[1];
            EfficiencyModel e = EfficiencyDefaults.forAccelerator(a);
            double rate = a.peakFlopsPerSecond(type) * e.matmulEfficiency(type, (Integer) row[3], (Integer) row[4], 1,
                    a.computeUnits().map(u -> u.count()).orElse(0));
            out.add(new PublishedResult(Group.KERNELS, "MAMF (consistency of the derived fractions)",
                    row[0] + " " + type.cliName() + " MAMF", "TFLOP/s", (Double) row[2], rate / 1e12, 1e-6,
                    Check.CONSISTENCY, "stas00/ml-engineering compute/accelerator/README.md @744d01e "
                            + "(validation-public.md §5.1); the matmul fractions are derived from it"));
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- inference

    /**
     * Batch-1 decode speed against gpt-fast on A100-80GB at 330 W. The default efficiency model except the memory
     * bandwidth fraction, set to the measured ceiling of those power-limited GPUs: 1700 / 2039 GB/s (no other
     * parameter is changed). BF16 rows: tolerance 45 %; weight-only INT8 and INT4 (group 32) rows, whose gpt-fast
     * kernels move only 51-63 % of the bytes per second of its BF16 ones: tolerance 85 %.
     *
     * @return the cases
     */
    public static List<PublishedResult> inference() {
        List<PublishedResult> out = new ArrayList<>();
        EfficiencyModel e = gptFastEfficiency();
        for (GptFastRow r : GPT_FAST_BF16_ROWS) {
            out.add(gptFast(r, e, GPT_FAST_BF16, 0.45));
        }
        for (GptFastRow r : GPT_FAST_QUANTIZED_ROWS) {
            out.add(gptFast(r, e, GPT_FAST_QUANTIZED, 0.85));
        }
        return List.copyOf(out);
    }

    /** A gpt-fast row: model preset, tensor-parallel degree, weight format, tokens per second. */
    record GptFastRow(String model, int tp, String weights, double tokensPerSecond) {
    }

    static final List<GptFastRow> GPT_FAST_BF16_ROWS = List.of(new GptFastRow("llama-2-7b", 1, "bf16", 104.9),
            new GptFastRow("llama-2-7b", 2, "bf16", 168.84), new GptFastRow("llama-2-7b", 4, "bf16", 254.02),
            new GptFastRow("llama-2-7b", 8, "bf16", 328.43), new GptFastRow("llama-2-70b", 2, "bf16", 21.32),
            new GptFastRow("llama-2-70b", 4, "bf16", 38.01), new GptFastRow("llama-2-70b", 8, "bf16", 62.50),
            new GptFastRow("llama-3.1-8b", 1, "bf16", 93.89), new GptFastRow("llama-3.1-8b", 2, "bf16", 149.10),
            new GptFastRow("llama-3.1-8b", 4, "bf16", 217.21), new GptFastRow("llama-3.1-8b", 8, "bf16", 276.01),
            new GptFastRow("llama-3.1-70b", 2, "bf16", 16.03), new GptFastRow("llama-3.1-70b", 4, "bf16", 37.45),
            new GptFastRow("llama-3.1-70b", 8, "bf16", 58.78), new GptFastRow("mixtral-8x7b", 2, "bf16", 96.67),
            new GptFastRow("mixtral-8x7b", 4, "bf16", 155.35), new GptFastRow("mixtral-8x7b", 8, "bf16", 227.82));

    static final List<GptFastRow> GPT_FAST_QUANTIZED_ROWS = List.of(new GptFastRow("llama-2-7b", 1, "int8", 155.58),
            new GptFastRow("llama-2-7b", 1, "int4-g32", 196.80), new GptFastRow("llama-2-70b", 1, "int8", 19.13),
            new GptFastRow("llama-2-70b", 1, "int4-g32", 25.25), new GptFastRow("llama-3.1-8b", 1, "int8", 137.64),
            new GptFastRow("llama-3.1-70b", 1, "int8", 18.04), new GptFastRow("llama-2-70b", 8, "int8", 80.44),
            new GptFastRow("llama-2-70b", 8, "int4-g32", 90.77), new GptFastRow("llama-3.1-405b", 8, "int8", 15.60),
            new GptFastRow("mixtral-8x7b", 1, "int8", 97.92), new GptFastRow("mixtral-8x7b", 2, "int8", 155.03),
            new GptFastRow("mixtral-8x7b", 4, "int8", 216.87), new GptFastRow("mixtral-8x7b", 8, "int8", 279.35));

    /** The validation's efficiency model for gpt-fast's A100s: the defaults at gpt-fast's stated bandwidth ceiling. */
    static EfficiencyModel gptFastEfficiency() {
        return EfficiencyDefaults.forAccelerator(CATALOG.get("a100-sxm-80gb"))
                .withMemoryBandwidthFraction(GPT_FAST_CEILING_BYTES_PER_SECOND / A100_80GB_BYTES_PER_SECOND);
    }

    /** The serving plan of a gpt-fast row. */
    static ServingPlan gptFastPlan(GptFastRow r) {
        Precision p = new Precision(WeightFormat.parse(r.weights()), DataType.BF16, KvFormat.parse("bf16"));
        return ServingPlan.builder().precision(p).tensorParallel(r.tp()).batch(1).promptTokens(5).outputTokens(200)
                .build();
    }

    /** The estimate of a gpt-fast row on A100-80GBs. */
    static InferenceEstimate gptFastEstimate(GptFastRow r, EfficiencyModel e) {
        Accelerator a100 = CATALOG.get("a100-sxm-80gb");
        return InferenceEstimator.estimate(Models.get(r.model()), ClusterSpec.of(a100, r.tp()), gptFastPlan(r), e);
    }

    static PublishedResult gptFast(GptFastRow r, EfficiencyModel e, String family, double tolerance) {
        InferenceEstimate est = gptFastEstimate(r, e);
        return new PublishedResult(Group.INFERENCE, family, r.model() + " TP" + r.tp() + " " + r.weights(),
                "tokens/s", r.tokensPerSecond(), gptFastPlan(r).outputTokens() / est.endToEndSeconds(), tolerance,
                Check.WITHIN, GPT_FAST_SOURCE);
    }

    // ---------------------------------------------------------------- training

    /**
     * Training throughput against published runs (validation-public.md §2 and §3), with the default efficiency model
     * of each accelerator. The model prices what the best kernels reach; the 2021-2022 GPU stacks ran 13 % to 48 %
     * below it, PaLM on TPU v4 within 6 %; DeepSpeed's 2021 ZeRO-3 at 768 and 1536 GPUs collapsed, where the model
     * is only an upper bound. Tolerances state the errors measured.
     *
     * @return the cases
     */
    public static List<PublishedResult> training() {
        List<PublishedResult> out = new ArrayList<>();
        ClusterSpec dgx = CATALOG.cluster("dgx-a100");
        String table1Source = "Narayanan et al. SC'21 Table 1 (SotaroKaneda/MLCarbon megatron_table.csv @69070b28; "
                + "Megatron-LM README figure); hardware TFLOP/s per A100 by eq. 3";
        // model, TP, PP, GPUs, batch, TFLOP/s per GPU
        Object[][] table1 = {{"megatron-1.7b", 1, 1, 32, 512, 137.0}, {"megatron-3.6b", 2, 1, 64, 512, 138.0},
                {"megatron-7.5b", 4, 1, 128, 512, 142.0}, {"megatron-18.4b", 8, 1, 256, 1024, 135.0},
                {"megatron-39.1b", 8, 2, 512, 1536, 138.0}, {"megatron-76.1b", 8, 4, 1024, 1792, 140.0},
                {"megatron-145.6b", 8, 8, 1536, 2304, 148.0}, {"megatron-310.1b", 8, 16, 1920, 2160, 155.0},
                {"megatron-529.6b", 8, 35, 2520, 2520, 163.0}, {"megatron-1t", 8, 64, 3072, 3072, 163.0}};
        for (Object[] r : table1) {
            int tp = (Integer) r[1];
            int pp = (Integer) r[2];
            int gpus = (Integer) r[3];
            Run run = onCluster((String) r[0], dgx, gpus, megatron(tp, pp, gpus, 1, (Integer) r[4], ZeroStage.NONE), null);
            out.add(new PublishedResult(Group.TRAINING, MEGATRON_TABLE_1, r[0] + " TP" + tp + " PP" + pp + " on " + gpus,
                    "TFLOP/s per GPU", (Double) r[5], run.tflops(), 0.50, Check.WITHIN, table1Source));
        }
        String table2Source = "Narayanan et al. SC'21 Table 2 (llm-analysis figures/megatron-lm-2nd-table-2.png)";
        Object[][] ptdp = {{"gpt-3-175b", 8, 12, 384, 1536, 153.0}, {"gpt-3-175b", 8, 12, 768, 1536, 149.0},
                {"gpt-3-175b", 8, 12, 1536, 1536, 141.0}, {"megatron-529.6b", 8, 35, 560, 2240, 171.0},
                {"megatron-529.6b", 8, 35, 1120, 2240, 167.0}, {"megatron-529.6b", 8, 35, 2240, 2240, 159.0}};
        for (Object[] r : ptdp) {
            int gpus = (Integer) r[3];
            Run run = onCluster((String) r[0], dgx, gpus, megatron((Integer) r[1], (Integer) r[2], gpus, 1,
                    (Integer) r[4], ZeroStage.NONE), null);
            out.add(new PublishedResult(Group.TRAINING, "Megatron-LM Table 2 PTD-P", r[0] + " PTD-P on " + gpus,
                    "TFLOP/s per GPU", (Double) r[5], run.tflops(), 0.35, Check.WITHIN, table2Source));
        }
        int[][] zero3 = {{384, 4, 144}, {768, 2, 88}, {1536, 1, 44}};
        for (int[] r : zero3) {
            Run run = onCluster("gpt-3-175b", dgx, r[0], megatron(1, 1, r[0], r[1], 1536, ZeroStage.PARAMETERS), null);
            out.add(new PublishedResult(Group.TRAINING, "Megatron-LM Table 2 ZeRO-3", "175B ZeRO-3 on " + r[0],
                    "TFLOP/s per GPU", r[2], run.tflops(), r[0] == 384 ? 1.00 : 0, r[0] == 384 ? Check.WITHIN
                            : Check.UPPER_BOUND, table2Source + "; DeepSpeed 2021"));
        }
        Run bloom = bloom(dgx);
        String bloomSource = "bigscience train/tr11-176B-ml/README.md, iteration 85376";
        out.add(new PublishedResult(Group.TRAINING, "BLOOM-176B", "BLOOM 384 A100 TP4 PP12 DP8", "TFLOP/s per GPU",
                149.77, bloom.tflops(), 0.50, Check.WITHIN, bloomSource));
        out.add(new PublishedResult(Group.TRAINING, "BLOOM-176B", "BLOOM 384 A100 step", "s per iteration", 104.70,
                bloom.estimate().stepSeconds(), 0.50, Check.WITHIN, bloomSource));
        Run opt = onCluster("gpt-3-175b", dgx, 992, megatron(8, 1, 992, 8, 992, ZeroStage.PARAMETERS), null);
        out.add(new PublishedResult(Group.TRAINING, "OPT-175B", "OPT-175B on 992 A100", "TFLOP/s per GPU", 147,
                opt.tflops(), 0.50, Check.WITHIN, "Zhang et al. 2022 §2.4: \"up to 147 TFLOP/s per GPU\""));
        ClusterSpec dgx40 = ClusterSpec.of(CATALOG.get("a100-sxm-40gb"), 16);
        int[][] mtNlg = {{280, 126}, {350, 121}, {420, 113}};
        for (int[] r : mtNlg) {
            Run run = onCluster("megatron-529.6b", dgx40, r[0] * 8, megatron(8, 35, r[0] * 8, 1, 1920,
                    ZeroStage.OPTIMIZER), null);
            out.add(new PublishedResult(Group.TRAINING, "MT-NLG 530B", "MT-NLG on " + r[0] + " DGX A100-40GB",
                    "TFLOP/s per GPU", r[1], run.tflops(), 0.50, Check.WITHIN,
                    "Smith et al. 2022 §2.4, via llm-analysis examples/megatron-turing-nlg"));
        }
        out.addAll(palm());
        Object[][] eq4 = {{"gpt-3-175b", 8, 8, 1024, 1536, 300e9, 34.0}, {"megatron-1t", 8, 64, 3072, 3072, 450e9, 84.0}};
        for (Object[] r : eq4) {
            int gpus = (Integer) r[3];
            Run run = onCluster((String) r[0], dgx, gpus, megatron((Integer) r[1], (Integer) r[2], gpus, 1,
                    (Integer) r[4], ZeroStage.NONE), new TrainingEstimator.Budget((Double) r[5], null));
            out.add(new PublishedResult(Group.TRAINING, "Megatron-LM eq. 4 projections", r[0] + " on " + gpus + " GPUs",
                    "days", (Double) r[6], run.estimate().trainingSeconds() / 86400, 0.30, Check.WITHIN,
                    "Narayanan et al. SC'21 §5.1, eq. 4 examples (projections at 140 and 163 TFLOP/s)"));
        }
        Object[][] llama2 = {{"llama-2-7b", 1, 1, 184320.0}, {"llama-2-13b", 2, 1, 368640.0},
                {"llama-2-70b", 8, 4, 1720320.0}};
        for (Object[] r : llama2) {
            int tp = (Integer) r[1];
            int pp = (Integer) r[2];
            ParallelPlan plan = ParallelPlan.builder().tensorParallel(tp).pipelineParallel(pp)
                    .dataParallel(1024 / (tp * pp)).microBatchSize(1).globalBatchSize(1024).sequenceTokens(4096)
                    .recompute(Recompute.SELECTIVE).zero(ZeroStage.OPTIMIZER).sequenceParallel(tp > 1).build();
            Run run = onCluster((String) r[0], dgx, 1024, plan, new TrainingEstimator.Budget(2e12, null));
            out.add(new PublishedResult(Group.TRAINING, "Llama 2 GPU-hours", r[0] + " for 2T tokens", "A100-hours",
                    (Double) r[3], run.estimate().gpuHours(), 0.50, Check.WITHIN,
                    "meta-llama/llama MODEL_CARD.md (the whole run; the plan is ours)"));
        }
        Object[][] flash = {{"gpt-3-125m", 32, 256, 1310e3}, {"gpt-3-350m", 16, 256, 503e3},
                {"gpt-3-760m", 16, 256, 245e3}, {"gpt-3-1.3b", 8, 512, 169e3}, {"gpt-3-2.7b", 4, 512, 85e3}};
        for (Object[] r : flash) {
            ParallelPlan plan = ParallelPlan.builder().dataParallel(8).microBatchSize((Integer) r[1])
                    .globalBatchSize((Integer) r[2]).sequenceTokens(2048).flashAttention(true).build();
            Run run = onCluster((String) r[0], dgx, 8, plan, null);
            out.add(new PublishedResult(Group.TRAINING, "FlashAttention GPT training", r[0] + " on 8 A100", "tokens/s",
                    (Double) r[3], run.estimate().tokensPerSecond(), 0.50, Check.WITHIN,
                    "Dao-AILab/flash-attention training/README.md"));
        }
        return List.copyOf(out);
    }

    /**
     * Returns Megatron-LM's GPT setup of 2021 (Narayanan et al. SC'21 §5): sequences of 2048, full recomputation,
     * unfused attention, dropout, 1F1B.
     *
     * @param tp tensor-parallel degree
     * @param pp pipeline stages
     * @param gpus devices; data parallelism is gpus / (tp &times; pp)
     * @param micro micro-batch, sequences
     * @param batch global batch, sequences
     * @param zero the ZeRO stage of the data parallelism
     * @return the plan
     */
    public static ParallelPlan megatron(int tp, int pp, int gpus, int micro, int batch, ZeroStage zero) {
        return ParallelPlan.builder().tensorParallel(tp).pipelineParallel(pp).dataParallel(gpus / (tp * pp))
                .microBatchSize(micro).globalBatchSize(batch).sequenceTokens(2048).recompute(Recompute.FULL)
                .flashAttention(false).dropout(true).zero(zero).build();
    }

    /** An estimate and what it was made for. */
    record Run(TransformerSpec spec, ParallelPlan plan, TrainingEstimate estimate) {
        /** Hardware TFLOP/s per device counted as Megatron-LM's eq. 3 does: attention without causal savings. */
        double tflops() {
            return flops(true) / estimate.stepSeconds() / plan.deviceCount() / 1e12;
        }

        /** PaLM's utilization (App. B): attention without causal savings, over the dense peak. */
        double utilization(boolean hardware, double peak) {
            return flops(hardware) / estimate.stepSeconds() / plan.deviceCount() / peak;
        }

        private double flops(boolean hardware) {
            TrainingFlops f = spec.trainingFlopsPerToken(plan.sequenceTokens(), AttentionMask.FULL, plan.recompute());
            return (hardware ? f.hardwareFlops() : f.modelFlops()) * plan.tokensPerStep();
        }
    }

    static Run run(TransformerSpec spec, ClusterSpec cluster, ParallelPlan plan, TrainingEstimator.Budget budget) {
        TrainingEstimate e = TrainingEstimator.estimate(spec, cluster, plan, budget);
        if (!e.fits()) {
            throw new IllegalStateException(spec.name() + " " + plan + " does not fit: " + e.violations());
        }
        return new Run(spec, plan, e);
    }

    static Run onCluster(String model, ClusterSpec cluster, int gpus, ParallelPlan plan,
            TrainingEstimator.Budget budget) {
        return run(Models.get(model), cluster.withNodeCount(gpus / cluster.devicesPerNode()), plan, budget);
    }

    /**
     * BLOOM-176B: 384 A100-80GB, TP4 PP12 DP8, micro-batch 2, global 2048 of 2048 tokens, ZeRO-1, full
     * recomputation; 70 layers on 12 stages (5, 6 x 10, 5); ALiBi, layer norm, GELU MLP of 4h, biases, 250,880-token
     * tied vocabulary.
     */
    private static Run bloom(ClusterSpec dgx) {
        TransformerSpec bloom = TransformerSpec.builder("BLOOM-176B").layerCount(70).hiddenSize(14336)
                .vocabSize(250880).maxPositionEmbeddings(2048)
                .attention(new Attention(112, 112, 128, true, true, false, OptionalInt.empty(), 0, Optional.empty()))
                .mlp(new Mlp(4 * 14336, false, true, "gelu")).norm(Norm.LAYER_NORM)
                .positions(new Positions(Positions.Kind.NONE, 0, 0)).tiedEmbeddings(true).build();
        ParallelPlan plan = ParallelPlan.builder().tensorParallel(4).pipelineParallel(12).dataParallel(8)
                .microBatchSize(2).globalBatchSize(2048).sequenceTokens(2048).recompute(Recompute.FULL)
                .zero(ZeroStage.OPTIMIZER).dropout(true).flashAttention(false).unevenPipeline(true).build();
        return run(bloom, dgx.withNodeCount(48), plan, null);
    }

    /**
     * PaLM 540B: 6144 TPU v4 in two pods of 3072, 12-way model parallelism and fully sharded data parallelism
     * (ZeRO-3, DP 512), batch 2048 of 2048 tokens, full rematerialization. The pods are linked by the data-center
     * network: 81 Tbps over 6144 chips, 1.65 GB/s per chip.
     */
    private static List<PublishedResult> palm() {
        Accelerator v4 = CATALOG.get("tpu-v4");
        ClusterSpec pods = new ClusterSpec("palm-2-pods", "2 x 3072 TPU v4", v4, 4, 1536, 3072,
                v4.scaleUp().orElseThrow(), Optional.of(Interconnect.of("DCN, 81 Tbps over 6144 chips", 81e12 / 8 / 6144)),
                Map.of(), List.of());
        TransformerSpec palm = TransformerSpec.builder("PaLM-540B").layerCount(118).hiddenSize(18432).vocabSize(256000)
                .maxPositionEmbeddings(2048).attention(Attention.of(48, 1, 256)).mlp(new Mlp(73728, true, false, "swiglu"))
                .tiedEmbeddings(true).build();
        ParallelPlan plan = ParallelPlan.builder().tensorParallel(12).dataParallel(512).microBatchSize(1)
                .globalBatchSize(2048).sequenceTokens(2048).recompute(Recompute.FULL).zero(ZeroStage.PARAMETERS).build();
        Run run = run(palm, pods, plan, null);
        double peak = v4.peakFlopsPerSecond(DataType.BF16);
        String source = "Chowdhery et al. 2022 §4 and Table 3 (validation-public.md §3.4)";
        return List.of(new PublishedResult(Group.TRAINING, "PaLM 540B", "PaLM MFU on 6144 TPU v4", "MFU", 0.462,
                        run.utilization(false, peak), 0.15, Check.WITHIN, source),
                new PublishedResult(Group.TRAINING, "PaLM 540B", "PaLM HFU on 6144 TPU v4", "HFU", 0.578,
                        run.utilization(true, peak), 0.15, Check.WITHIN, source));
    }

    // ---------------------------------------------------------------- memory

    /**
     * Memory: KV cache per token and per sequence as the vLLM paper and blog, NVIDIA's inference blog and the
     * DeepSeek-V2 paper state them, and the weights' share of an A100-40GB in the vLLM paper.
     *
     * @return the cases
     */
    public static List<PublishedResult> memory() {
        List<PublishedResult> out = new ArrayList<>();
        String vllm = "Kwon et al., SOSP'23 (vLLM)";
        TransformerSpec opt = Models.get("opt-13b");
        out.add(new PublishedResult(Group.MEMORY, "vLLM paper", "OPT-13B KV cache per token", "bytes", 819200,
                opt.kvCacheBytesPerToken(DataType.FP16), 0, Check.WITHIN,
                vllm + " §3: 800 KB = 2 x 5120 x 40 x 2 bytes; a 2048-token request \"as much as 1.6 GB\" (two "
                        + "digits); §1: \"approximately 65% of the memory is allocated for the model weights\" of a 13B "
                        + "model on an A100-40GB"));
        out.add(new PublishedResult(Group.MEMORY, "vLLM paper", "OPT-13B KV cache of a 2048-token request", "bytes",
                1.6e9, opt.kvCacheBytes(2048, DataType.FP16), 0.06, Check.WITHIN, vllm + " §3"));
        Accelerator a100 = CATALOG.get("a100-sxm-40gb");
        InferenceEstimate e = InferenceEstimator.estimate(opt, a100, ServingPlan.builder()
                .precision(new Precision(WeightFormat.parse("fp16"), DataType.FP16, KvFormat.parse("fp16")))
                .promptTokens(512).outputTokens(512).build());
        out.add(new PublishedResult(Group.MEMORY, "vLLM paper", "OPT-13B weights' share of an A100-40GB", "fraction",
                0.65, (double) e.weightBytes() / a100.memoryBytes(), 0.05, Check.WITHIN, vllm + " §1"));
        out.add(new PublishedResult(Group.MEMORY, "vLLM blog", "LLaMA-13B KV cache of a 2048-token sequence", "bytes",
                1.7e9, Models.get("llama-2-13b").kvCacheBytes(2048, DataType.FP16), 0.06, Check.WITHIN,
                "vllm-project.github.io _posts/2023-06-20-vllm.md: \"up to 1.7GB for a single sequence\" "
                        + "(LLaMA-13B has Llama-2-13B's layers and widths)"));
        out.add(new PublishedResult(Group.MEMORY, "NVIDIA inference blog", "Llama-2-7B KV cache at 4096 tokens", "bytes",
                2147483648.0, Models.get("llama-2-7b").kvCacheBytes(4096, DataType.BF16), 0, Check.WITHIN,
                "NVIDIA blog \"Mastering LLM Techniques: Inference Optimization\": 1 * 4096 * 2 * 32 * 4096 * 2 bytes"));
        TransformerSpec v3 = Models.get("deepseek-v3");
        out.add(new PublishedResult(Group.MEMORY, "DeepSeek-V2 paper", "DeepSeek-V3 MLA KV elements per token per layer",
                "elements", 576, v3.kvCacheBytesPerToken(DataType.BF16) / 2.0 / v3.layerCount(), 0, Check.WITHIN,
                "DeepSeek-V2 paper Table 1: (d_c + d_h^R) = 512 + 64; deepseek-ai/DeepSeek-V3 config_671B.json"));
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- parameters

    /**
     * Parameter counts as papers and model cards state them, rounded as they print them: the tolerance of a row is
     * half a unit of its last printed digit, except GPT-3's Table 2.1 (2 %, the paper's own rounding of sizes such as
     * 2.7B for 2.65B) and Table D.1 (0.1 %: 174,600M against the architecture's 174.60B).
     *
     * @return the cases
     */
    public static List<PublishedResult> parameters() {
        List<PublishedResult> out = new ArrayList<>();
        Object[][] gpt3 = {{"gpt-3-125m", 125e6}, {"gpt-3-350m", 350e6}, {"gpt-3-760m", 760e6}, {"gpt-3-1.3b", 1.3e9},
                {"gpt-3-2.7b", 2.7e9}, {"gpt-3-6.7b", 6.7e9}, {"gpt-3-13b", 13.0e9}, {"gpt-3-175b", 175.0e9}};
        for (Object[] r : gpt3) {
            out.add(parameters("GPT-3 Table 2.1", (String) r[0], (Double) r[1], 0.02,
                    Models.get((String) r[0]).parameterCount().total(), "Brown et al. 2020, Table 2.1"));
        }
        out.add(parameters("GPT-3 Table D.1", "gpt-3-175b", 174600e6, 0.001,
                Models.get("gpt-3-175b").parameterCount().total(), "Brown et al. 2020, Table D.1: 174,600M"));
        double[] table1 = {1.7, 3.6, 7.5, 18.4, 39.1, 76.1, 145.6, 310.1, 529.6, 1008.0};
        String[] ids = {"megatron-1.7b", "megatron-3.6b", "megatron-7.5b", "megatron-18.4b", "megatron-39.1b",
                "megatron-76.1b", "megatron-145.6b", "megatron-310.1b", "megatron-529.6b", "megatron-1t"};
        for (int i = 0; i < ids.length; i++) {
            out.add(parameters("Megatron-LM Table 1 parameters", ids[i], table1[i] * 1e9, 0.05 / table1[i],
                    Models.get(ids[i]).parameterCount().total(), "Narayanan et al. SC'21 Table 1 (0.1B)"));
        }
        ParameterCount mixtral = Models.get("mixtral-8x7b").parameterCount();
        out.add(parameters("Mixtral 8x7B", "mixtral-8x7b total", 46.7e9, 0.05 / 46.7, mixtral.total(),
                "Mistral AI, Mixtral of experts blog: 46.7B total, 12.9B per token"));
        out.add(parameters("Mixtral 8x7B", "mixtral-8x7b active", 12.9e9, 0.05 / 12.9, mixtral.active(),
                "Mistral AI, Mixtral of experts blog: 46.7B total, 12.9B per token"));
        out.add(parameters("DeepSeek-V3", "deepseek-v3 total", 671e9, 0.5 / 671,
                Models.get("deepseek-v3").parameterCount().total(), "deepseek-ai/DeepSeek-V3 README: 671B total"));
        return List.copyOf(out);
    }

    private static PublishedResult parameters(String family, String caseName, double published, double tolerance,
            long predicted, String source) {
        return new PublishedResult(Group.PARAMETERS, family, caseName, "parameters", published, predicted, tolerance,
                Check.WITHIN, source);
    }
}
