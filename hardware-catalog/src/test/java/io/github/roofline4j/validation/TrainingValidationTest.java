package io.github.roofline4j.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.Interconnect;
import io.github.roofline4j.model.Attention;
import io.github.roofline4j.model.AttentionMask;
import io.github.roofline4j.model.Mlp;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.Norm;
import io.github.roofline4j.model.Positions;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.model.TrainingFlops;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.training.TrainingEstimate;
import io.github.roofline4j.training.TrainingEstimator;

/**
 * Training step time against published runs (validation-public.md §2 and §3), all with the default efficiency
 * model of each accelerator and nothing fitted to these tables.
 *
 * <p>What the errors say. The model prices each operation at what the best kernels reach (matrix units at the
 * measured MAMF, FlashAttention-2's measured rate, NCCL-level bus bandwidth, perfect overlap where the schedule
 * allows it). Runs on highly tuned stacks come close: PaLM on TPU v4 within 1 % (MFU) and 6 % (HFU). The
 * 2021-2022 GPU stacks ran 13 % to 48 % below it (Megatron-LM Table 1 and 2, BLOOM, OPT, MT-NLG), and the
 * Llama 2 GPU-hours, which include everything a real run spends, are 27 % to 47 % above the model's. DeepSpeed's
 * 2021 ZeRO-3 at scale (Table 2) collapsed to 44 TFLOP/s on 1536 GPUs; the model, which overlaps the parameter
 * gathers with computation, stays at about 260 and is only an upper bound there. Tolerances state the errors
 * measured.
 */
class TrainingValidationTest {

    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();
    private static final ClusterSpec DGX_A100 = CATALOG.cluster("dgx-a100");
    private static final List<Double> TABLE1_ERRORS = Collections.synchronizedList(new ArrayList<>());

    /** Megatron-LM's GPT setup of 2021: full recomputation, unfused attention, dropout, micro-batch 1, 1F1B. */
    private static ParallelPlan megatron(int tp, int pp, int gpus, int micro, int batch, ZeroStage zero) {
        return ParallelPlan.builder().tensorParallel(tp).pipelineParallel(pp).dataParallel(gpus / (tp * pp))
                .microBatchSize(micro).globalBatchSize(batch).sequenceTokens(2048).recompute(Recompute.FULL)
                .flashAttention(false).dropout(true).zero(zero).build();
    }

    /** An estimate and what it was made for. */
    private record Run(TransformerSpec spec, ParallelPlan plan, TrainingEstimate estimate) {
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

    private static Run run(TransformerSpec spec, ClusterSpec cluster, ParallelPlan plan, TrainingEstimator.Budget budget) {
        TrainingEstimate e = TrainingEstimator.estimate(spec, cluster, plan, budget);
        assertTrue(e.fits(), () -> spec.name() + " " + plan + ": " + e.violations());
        return new Run(spec, plan, e);
    }

    private static Run onCluster(String model, ClusterSpec cluster, int gpus, ParallelPlan plan,
            TrainingEstimator.Budget budget) {
        return run(Models.get(model), cluster.withNodeCount(gpus / cluster.devicesPerNode()), plan, budget);
    }

    /**
     * Narayanan et al. SC'21 Table 1 (validation-public.md §3.1; SotaroKaneda/MLCarbon {@code megatron_table.csv}
     * @69070b28, cross-checked against the Megatron-LM README figure): hardware TFLOP/s per A100-80GB (their eq. 3
     * counts the recomputed forward). The paper ran the interleaved schedule with an unstated number of chunks;
     * the model runs 1F1B, which can only lower its prediction. Errors measured: +14 % (530B, 1T) to +45 % (1.7B),
     * median +26 %; tolerance 50 %, and the median within 30 % (checked after all rows).
     */
    @ParameterizedTest(name = "{0}: TP{1} PP{2} on {3} GPUs, batch {4}")
    @CsvSource({
            "megatron-1.7b, 1, 1, 32, 512, 137", "megatron-3.6b, 2, 1, 64, 512, 138",
            "megatron-7.5b, 4, 1, 128, 512, 142", "megatron-18.4b, 8, 1, 256, 1024, 135",
            "megatron-39.1b, 8, 2, 512, 1536, 138", "megatron-76.1b, 8, 4, 1024, 1792, 140",
            "megatron-145.6b, 8, 8, 1536, 2304, 148", "megatron-310.1b, 8, 16, 1920, 2160, 155",
            "megatron-529.6b, 8, 35, 2520, 2520, 163", "megatron-1t, 8, 64, 3072, 3072, 163"})
    void megatronTable1(String model, int tp, int pp, int gpus, int batch, double published) {
        Run e = onCluster(model, DGX_A100, gpus, megatron(tp, pp, gpus, 1, batch, ZeroStage.NONE), null);
        TABLE1_ERRORS.add(Published.within(model + " Table 1", published, e.tflops(), 0.50));
    }

    @AfterAll
    static void megatronTable1Median() {
        if (TABLE1_ERRORS.size() == 10) {
            List<Double> sorted = new ArrayList<>(TABLE1_ERRORS);
            Collections.sort(sorted);
            double median = (sorted.get(4) + sorted.get(5)) / 2;
            assertTrue(Math.abs(median) <= 0.30, "Table 1 median error " + median);
        }
    }

    /**
     * Narayanan et al. Table 2, PTD-P (validation-public.md §3.1; llm-analysis
     * {@code figures/megatron-lm-2nd-table-2.png}): 174.6B on TP8 PP12 and 529.6B on TP8 PP35, micro-batch 1.
     * Errors measured: +25 %, +25 %, +25 % (175B) and +18 %, +18 %, +16 % (530B); tolerance 35 %.
     */
    @ParameterizedTest(name = "{0} PTD-P on {3} GPUs")
    @CsvSource({
            "gpt-3-175b, 8, 12, 384, 1536, 153", "gpt-3-175b, 8, 12, 768, 1536, 149",
            "gpt-3-175b, 8, 12, 1536, 1536, 141", "megatron-529.6b, 8, 35, 560, 2240, 171",
            "megatron-529.6b, 8, 35, 1120, 2240, 167", "megatron-529.6b, 8, 35, 2240, 2240, 159"})
    void megatronTable2PtdP(String model, int tp, int pp, int gpus, int batch, double published) {
        Run e = onCluster(model, DGX_A100, gpus, megatron(tp, pp, gpus, 1, batch, ZeroStage.NONE), null);
        Published.within(model + " PTD-P on " + gpus, published, e.tflops(), 0.35);
    }

    /**
     * Narayanan et al. Table 2, ZeRO-3 without model parallelism (DeepSpeed, 2021), 174.6B, batch 1536. At 384
     * GPUs (micro-batch 4) the model predicts 260 against 144 TFLOP/s: +81 %, tolerance 100 %. At 768 and 1536
     * GPUs the published run fell to 88 and 44 while the model, which hides the per-layer gathers behind the
     * computation, stays at 260 (+196 %, +491 %): there the model is only an upper bound, which is what is checked.
     */
    @ParameterizedTest(name = "175B ZeRO-3 on {0} GPUs")
    @CsvSource({"384, 4, 144", "768, 2, 88", "1536, 1, 44"})
    void megatronTable2Zero3(int gpus, int micro, double published) {
        Run e = onCluster("gpt-3-175b", DGX_A100, gpus,
                megatron(1, 1, gpus, micro, 1536, ZeroStage.PARAMETERS), null);
        if (gpus == 384) {
            Published.within("175B ZeRO-3 on 384", published, e.tflops(), 1.00);
        } else {
            assertTrue(e.tflops() >= published, "ZeRO-3 on " + gpus + ": predicted " + e.tflops() + " below " + published);
        }
    }

    /** The paper: 529.6B with ZeRO-3 and micro-batch 4 does not fit on 560 GPUs; the model agrees. */
    @Test
    void megatronTable2Zero3DoesNotFitOn560() {
        TrainingEstimate e = TrainingEstimator.estimate(Models.get("megatron-529.6b"), DGX_A100.withNodeCount(70),
                megatron(1, 1, 560, 4, 2240, ZeroStage.PARAMETERS), null);
        assertFalse(e.fits());
        assertTrue(e.violations().get(0).contains("but"), e.violations().toString());
    }

    /**
     * BLOOM-176B (bigscience {@code train/tr11-176B-ml/README.md}, iteration 85376: 104.70 s per iteration,
     * 149.77 TFLOP/s per GPU counted with recomputation): 384 A100-80GB, TP4 PP12 DP8, micro-batch 2, global
     * 2048 of 2048 tokens, ZeRO-1, full recomputation; 70 layers on 12 stages (5, 6 &times; 10, 5). The model is
     * BLOOM's architecture: ALiBi, layer norm, GELU MLP of 4h, biases, 250,880-token tied vocabulary.
     * Errors measured: +41 % TFLOP/s, step &minus;29 %; tolerance 50 %.
     */
    @Test
    void bloom176b() {
        TransformerSpec bloom = TransformerSpec.builder("BLOOM-176B").layerCount(70).hiddenSize(14336)
                .vocabSize(250880).maxPositionEmbeddings(2048)
                .attention(new Attention(112, 112, 128, true, true, false, java.util.OptionalInt.empty(), 0,
                        Optional.empty()))
                .mlp(new Mlp(4 * 14336, false, true, "gelu")).norm(Norm.LAYER_NORM)
                .positions(new Positions(Positions.Kind.NONE, 0, 0)).tiedEmbeddings(true).build();
        ParallelPlan plan = ParallelPlan.builder().tensorParallel(4).pipelineParallel(12).dataParallel(8)
                .microBatchSize(2).globalBatchSize(2048).sequenceTokens(2048).recompute(Recompute.FULL)
                .zero(ZeroStage.OPTIMIZER).dropout(true).flashAttention(false).unevenPipeline(true).build();
        Run e = run(bloom, DGX_A100.withNodeCount(48), plan, null);
        Published.within("BLOOM TFLOP/s", 149.77, e.tflops(), 0.50);
        Published.within("BLOOM s/iteration", 104.70, e.estimate().stepSeconds(), 0.50);
    }

    /**
     * OPT-175B (Zhang et al. 2022 §2.4: "up to 147 TFLOP/s per GPU" on 992 A100-80GB; FSDP with Megatron TP):
     * TP8, ZeRO-3 over DP124, micro-batch 8, global 992 sequences of 2048 (about 2M tokens, OPT's batch). The
     * published figure is the best seen, so it is the model's closest comparison. Error measured +46 %;
     * tolerance 50 %.
     */
    @Test
    void opt175b() {
        Run e = onCluster("gpt-3-175b", DGX_A100, 992,
                megatron(8, 1, 992, 8, 992, ZeroStage.PARAMETERS), null);
        Published.within("OPT-175B", 147, e.tflops(), 0.50);
    }

    /**
     * MT-NLG 530B (Smith et al. 2022 §2.4, via llm-analysis {@code examples/megatron-turing-nlg}): 280, 350 and
     * 420 DGX A100 with 40 GB GPUs, TP8 PP35, batch 1920 of 2048 tokens; 126, 121 and 113 TFLOP/s per GPU.
     * DeepSpeed's data parallelism shards the optimizer states (ZeRO-1); without it 530B does not fit in 40 GB.
     * Errors measured: +42 %, +43 %, +48 %; tolerance 50 %.
     */
    @ParameterizedTest(name = "MT-NLG on {0} nodes")
    @CsvSource({"280, 126", "350, 121", "420, 113"})
    void mtNlg(int nodes, double published) {
        ClusterSpec dgx40 = ClusterSpec.of(CATALOG.get("a100-sxm-40gb"), 16);
        Run e = onCluster("megatron-529.6b", dgx40, nodes * 8,
                megatron(8, 35, nodes * 8, 1, 1920, ZeroStage.OPTIMIZER), null);
        Published.within("MT-NLG on " + nodes + " nodes", published, e.tflops(), 0.50);
    }

    /**
     * PaLM 540B (Chowdhery et al. 2022 §4 and Table 3): 6144 TPU v4 in two pods of 3072, 12-way model
     * parallelism and fully sharded data parallelism (ZeRO-3 here, DP 512), batch 2048 of 2048 tokens, full
     * rematerialization; MFU 46.2 %, HFU 57.8 %. The pods are linked by the data-center network; the paper's
     * "aggregate burst of 81 Tbps across all hosts" gives 81e12 / 8 / 6144 = 1.65 GB/s per chip, taken as the
     * scale-out link. Errors measured: MFU &minus;1 %, HFU +6 %; tolerance 15 %.
     */
    @Test
    void palm540b() {
        Accelerator v4 = CATALOG.get("tpu-v4");
        ClusterSpec pods = new ClusterSpec("palm-2-pods", "2 x 3072 TPU v4", v4, 4, 1536, 3072, v4.scaleUp().orElseThrow(),
                Optional.of(Interconnect.of("DCN, 81 Tbps over 6144 chips", 81e12 / 8 / 6144)), Map.of(), List.of());
        TransformerSpec palm = TransformerSpec.builder("PaLM-540B").layerCount(118).hiddenSize(18432).vocabSize(256000)
                .maxPositionEmbeddings(2048).attention(Attention.of(48, 1, 256)).mlp(new Mlp(73728, true, false, "swiglu"))
                .tiedEmbeddings(true).build();
        ParallelPlan plan = ParallelPlan.builder().tensorParallel(12).dataParallel(512).microBatchSize(1)
                .globalBatchSize(2048).sequenceTokens(2048).recompute(Recompute.FULL).zero(ZeroStage.PARAMETERS).build();
        Run e = run(palm, pods, plan, null);
        double peak = v4.peakFlopsPerSecond(io.github.roofline4j.hardware.DataType.BF16);
        Published.within("PaLM MFU", 0.462, e.utilization(false, peak), 0.15);
        Published.within("PaLM HFU", 0.578, e.utilization(true, peak), 0.15);
    }

    /**
     * Narayanan et al. eq. 4 examples (validation-public.md §3.1): GPT-3 175B on 1024 A100 for 300B tokens,
     * batch 1536, 34 days; the 1T model on 3072 A100 for 450B tokens, 84 days. These are the paper's projections
     * at 140 and 163 TFLOP/s, not measurements. Errors measured: &minus;23 % and &minus;11 %; tolerance 30 %.
     */
    @ParameterizedTest(name = "{0} on {3} GPUs")
    @CsvSource({"gpt-3-175b, 8, 8, 1024, 1536, 300e9, 34", "megatron-1t, 8, 64, 3072, 3072, 450e9, 84"})
    void megatronEq4(String model, int tp, int pp, int gpus, int batch, double tokens, double days) {
        Run e = onCluster(model, DGX_A100, gpus, megatron(tp, pp, gpus, 1, batch, ZeroStage.NONE),
                new TrainingEstimator.Budget(tokens, null));
        Published.within(model + " days", days, e.estimate().trainingSeconds() / 86400, 0.30);
    }

    /**
     * Llama 2 GPU-hours (meta-llama/llama {@code MODEL_CARD.md}: 184,320, 368,640 and 1,720,320 A100-80GB hours
     * for 2T tokens), a sanity range: the model card counts the whole run (restarts, evaluation, idle time) and
     * the plan is ours (1024 GPUs, 4M-token batch of 4096-token sequences, selective recomputation, ZeRO-1;
     * TP1, TP2 and TP8 PP4 with sequence parallelism). Errors measured: &minus;46 %, &minus;47 %, &minus;27 %;
     * tolerance 50 %.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"llama-2-7b, 1, 1, 184320", "llama-2-13b, 2, 1, 368640", "llama-2-70b, 8, 4, 1720320"})
    void llama2GpuHours(String model, int tp, int pp, double hours) {
        ParallelPlan plan = ParallelPlan.builder().tensorParallel(tp).pipelineParallel(pp).dataParallel(1024 / (tp * pp))
                .microBatchSize(1).globalBatchSize(1024).sequenceTokens(4096).recompute(Recompute.SELECTIVE)
                .zero(ZeroStage.OPTIMIZER).sequenceParallel(tp > 1).build();
        Run e = onCluster(model, DGX_A100, 1024, plan, new TrainingEstimator.Budget(2e12, null));
        Published.within(model + " GPU-hours", hours, e.estimate().gpuHours(), 0.50);
    }

    /**
     * FlashAttention's GPT training (Dao-AILab/flash-attention {@code training/README.md}; validation-public.md
     * §3.6): 8 A100-80GB, sequence 2048, batches of 0.5M tokens (1M for 1.3B and 2.7B), no recomputation;
     * data parallelism with our micro-batch choice. Errors measured: +28 %, +32 %, +44 %, +30 %, +34 %;
     * tolerance 50 %.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"gpt-3-125m, 32, 256, 1310e3", "gpt-3-350m, 16, 256, 503e3", "gpt-3-760m, 16, 256, 245e3",
            "gpt-3-1.3b, 8, 512, 169e3", "gpt-3-2.7b, 4, 512, 85e3"})
    void flashAttentionGpt(String model, int micro, int batch, double tokensPerSecond) {
        ParallelPlan plan = ParallelPlan.builder().dataParallel(8).microBatchSize(micro).globalBatchSize(batch)
                .sequenceTokens(2048).flashAttention(true).build();
        Run e = onCluster(model, DGX_A100, 8, plan, null);
        Published.within(model + " tokens/s", tokensPerSecond, e.estimate().tokensPerSecond(), 0.50);
    }
}
