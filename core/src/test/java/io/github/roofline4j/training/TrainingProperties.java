package io.github.roofline4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.Offload;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.TrainingPrecision;
import io.github.roofline4j.parallel.ZeroStage;

/** Properties of training estimates over seeded random plans. */
class TrainingProperties {

    private static final long SEED = 5_2026_11_22L;
    private static final List<String> MODELS = List.of("llama-2-7b", "llama-3.1-8b", "mistral-7b", "mixtral-8x7b",
            "qwen2.5-7b", "gemma-2-9b", "gpt-3-1.3b", "deepseek-v2-lite", "megatron-7.5b", "qwen1.5-moe-a2.7b");
    private static final Accelerator H100 = TrainingEstimatorTest.H100;

    record Case(String model, ParallelPlan plan) {
        @Override
        public String toString() {
            return model + " " + plan;
        }
    }

    private static int pick(Random r, int... values) {
        return values[r.nextInt(values.length)];
    }

    static Stream<Case> cases() {
        return LongStream.range(0, 80).mapToObj(i -> {
            Random r = new Random(SEED + i);
            String model = MODELS.get(r.nextInt(MODELS.size()));
            TransformerSpec s = Models.get(model);
            int tp = pick(r, 1, 2, 4);
            while (s.attention().headCount() % tp != 0 || s.attention().kvHeadCount() % tp != 0 && tp % s.attention()
                    .kvHeadCount() != 0) {
                tp /= 2;
            }
            int pp = pick(r, 1, 2, 3, s.layerCount());
            boolean uneven = s.layerCount() % pp != 0;
            int dp = pp > 3 ? pick(r, 1, 2) : pick(r, 1, 2, 4, 8);
            int ep = s.moe().isPresent() ? pick(r, 1, 2) : 1;
            if (dp % ep != 0) {
                ep = 1;
            }
            int micro = pick(r, 1, 2);
            int microBatches = pick(r, 1, 3, 8);
            int virtual = !uneven && pp > 1 && microBatches % pp == 0 && s.layerCount() % (pp * 2) == 0 && r.nextBoolean()
                    ? 2 : 1;
            long seq = Math.min(s.maxPositionEmbeddings(), pick(r, 512, 2048, 4096, 32768));
            ZeroStage zero = ZeroStage.of(r.nextInt(4));
            ParallelPlan plan = ParallelPlan.builder().tensorParallel(tp).pipelineParallel(pp).virtualStages(virtual)
                    .dataParallel(dp).expertParallel(ep).sequenceParallel(tp > 1 && r.nextBoolean())
                    .zero(zero).microBatchSize(micro).globalBatchSize(micro * dp * microBatches)
                    .sequenceTokens(seq).recompute(Recompute.values()[r.nextInt(3)])
                    .offload(zero.stage() >= 1 && r.nextInt(5) == 0 ? Offload.OPTIMIZER : Offload.NONE)
                    .precision(r.nextInt(4) == 0 ? TrainingPrecision.FP8 : TrainingPrecision.BF16)
                    .flashAttention(r.nextInt(4) != 0).dropout(r.nextBoolean()).unevenPipeline(uneven).build();
            return new Case(model, plan);
        });
    }

    /** H100 nodes of 8, enough of them for the plan (one scale-up domain of up to 8). */
    private static ClusterSpec cluster(int devices) {
        int perNode = Math.min(8, devices);
        int nodes = (devices + perNode - 1) / perNode;
        if (nodes * perNode != devices) {
            perNode = devices;
            nodes = 1;
        }
        return new ClusterSpec("h100-x" + devices, "H100", H100, perNode, nodes, perNode, H100.scaleUp().orElseThrow(),
                nodes > 1 ? H100.scaleOut() : Optional.empty(), Map.of(), List.of());
    }

    private static TrainingEstimate estimate(Case c) {
        return estimate(c.model(), c.plan());
    }

    private static TrainingEstimate estimate(String model, ParallelPlan plan) {
        return TrainingEstimator.estimate(Models.get(model), cluster(plan.deviceCount()), plan,
                new TrainingEstimator.Budget(1e9, 2.0));
    }

    private static void finiteNonNegative(String what, double v) {
        assertTrue(Double.isFinite(v) && v >= 0, what + " = " + v);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void figuresFinite_partsSum_utilizationsOrdered(Case c) {
        TrainingEstimate e = estimate(c);
        for (double v : new double[] {e.stepSeconds(), e.pipelineSeconds(), e.bubbleSeconds(), e.dataParallelSeconds(),
                e.optimizerSeconds(), e.offloadSeconds(), e.tokensPerSecond(), e.modelFlopsPerStep(),
                e.hardwareFlopsPerStep(), e.communicationSeconds(), e.trainingSeconds(), e.gpuHours(), e.costDollars(),
                e.energyJoules()}) {
            finiteNonNegative(c.toString(), v);
        }
        assertTrue(e.stepSeconds() > 0);
        assertEquals(e.stepSeconds(), e.pipelineSeconds() + e.dataParallelSeconds() + e.optimizerSeconds()
                + e.offloadSeconds(), 1e-9 * e.stepSeconds(), c.toString());
        assertTrue(e.bubbleSeconds() <= e.pipelineSeconds());
        assertTrue(e.mfu() > 0 && e.mfu() <= e.hfu() && e.hfu() <= 1, c + ": " + e.mfu() + " " + e.hfu());
        assertTrue(e.pipelineBubbleFraction() >= 0 && e.pipelineBubbleFraction() < 1);
        assertTrue(e.communicationSeconds() <= e.stepSeconds() * (1 + 1e-9), c.toString());
        MemoryParts m = e.memoryPerGpuBytes();
        assertTrue(m.weights() > 0 && m.activations() > 0 && m.gradients() >= 0 && m.optimizer() >= 0
                && m.buffers() >= 0, m.toString());
        assertEquals(m.total(), m.weights() + m.gradients() + m.optimizer() + m.activations() + m.buffers());
        assertEquals(e.fits(), e.violations().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void recompute_neverMoreActivationMemory(Case c) {
        long none = estimate(c.model(), c.plan().toBuilder().recompute(Recompute.NONE).build())
                .memoryPerGpuBytes().activations();
        long selective = estimate(c.model(), c.plan().toBuilder().recompute(Recompute.SELECTIVE).build())
                .memoryPerGpuBytes().activations();
        long full = estimate(c.model(), c.plan().toBuilder().recompute(Recompute.FULL).build())
                .memoryPerGpuBytes().activations();
        assertTrue(full <= selective && selective <= none, c + ": " + full + " " + selective + " " + none);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void zero3_moreDataParallelNeverMoreMemory(Case c) {
        ParallelPlan base = c.plan().toBuilder().zero(ZeroStage.PARAMETERS).hybridSharding(false).build();
        ParallelPlan doubled = base.toBuilder().dataParallel(2 * base.dataParallel())
                .globalBatchSize(2 * base.globalBatchSize()).build();
        long before = estimate(c.model(), base).memoryPerGpuBytes().total();
        long after = estimate(c.model(), doubled).memoryPerGpuBytes().total();
        assertTrue(after <= before, c + ": " + after + " > " + before);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void stagesCoverEveryLayerOnce(Case c) {
        int layers = Models.get(c.model()).layerCount();
        int next = 0;
        for (int s = 0; s < c.plan().pipelineParallel(); s++) {
            assertEquals(next, c.plan().stageFirstLayer(layers, s));
            int n = c.plan().stageLayerCount(layers, s);
            assertTrue(n >= layers / c.plan().pipelineParallel() && n <= layers / c.plan().pipelineParallel() + 1);
            next += n;
        }
        assertEquals(layers, next);
    }
}
