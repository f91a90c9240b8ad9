package io.github.roofline4j.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.quant.WeightFormat;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.roofline.Pricer;
import io.github.roofline4j.workload.Block;
import io.github.roofline4j.workload.LayerOptions;
import io.github.roofline4j.workload.Operation;
import io.github.roofline4j.workload.OperationKind;
import io.github.roofline4j.workload.StepShape;
import io.github.roofline4j.workload.TransformerStep;
import io.github.roofline4j.workload.Workload;

/** Properties of serving estimates over seeded random plans. */
class InferenceProperties {

    private static final long SEED = 4_2026_11_22L;
    private static final List<String> MODELS = List.of("llama-2-7b", "llama-3.1-8b", "mistral-7b", "mixtral-8x7b",
            "qwen2.5-7b", "gemma-2-9b", "phi-3-mini-4k", "deepseek-v2-lite", "gpt-2-124m");
    private static final List<String> WEIGHTS = List.of("bf16", "fp8", "int8", "int4", "nvfp4");

    record Case(String model, ServingPlan plan) {
        @Override
        public String toString() {
            return model + " " + plan.precision() + " tp" + plan.tensorParallel() + " b" + plan.batch() + " p"
                    + plan.promptTokens() + " o" + plan.outputTokens();
        }
    }

    static Stream<Case> cases() {
        return LongStream.range(0, 60).mapToObj(i -> {
            Random r = new Random(SEED + i);
            String model = MODELS.get(r.nextInt(MODELS.size()));
            TransformerSpec s = Models.get(model);
            String w = WEIGHTS.get(r.nextInt(WEIGHTS.size()));
            int tp = s.attention().kvHeadCount() % 2 == 0 && s.attention().headCount() % 2 == 0 && r.nextBoolean() ? 2 : 1;
            long max = Math.min(s.maxPositionEmbeddings(), 4096);
            long prompt = 1 + r.nextInt((int) (max / 2));
            long output = 1 + r.nextInt((int) Math.min(256, max - prompt));
            Precision p = new Precision(WeightFormat.parse(w), DataType.BF16, KvFormat.parse("bf16"));
            return new Case(model, ServingPlan.builder().precision(p).tensorParallel(tp).batch(1 + r.nextInt(32))
                    .promptTokens(prompt).outputTokens(output).build());
        });
    }

    private static InferenceEstimate estimate(Case c, Accelerator a) {
        return InferenceEstimator.estimate(Models.get(c.model()), ClusterSpec.of(a, c.plan().deviceCount()), c.plan(),
                EfficiencyDefaults.forAccelerator(a));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void moreBandwidth_neverSlower(Case c) {
        Accelerator a = TestHardware.h100();
        Accelerator faster = a.toBuilder().memoryBandwidthBytesPerSecond(2 * a.memoryBandwidthBytesPerSecond()).build();
        InferenceEstimate slow = estimate(c, a);
        InferenceEstimate fast = estimate(c, faster);
        assertTrue(fast.decodeSecondsPerToken() <= slow.decodeSecondsPerToken());
        assertTrue(fast.prefillSeconds() <= slow.prefillSeconds());
        assertTrue(fast.endToEndSeconds() <= slow.endToEndSeconds());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void memoryParts_sumToTotal_andNeverNegative(Case c) {
        InferenceEstimate e = estimate(c, TestHardware.h100());
        assertEquals(e.totalMemoryBytes(), e.weightBytes() + e.kvCacheBytes() + e.activationBytes());
        assertTrue(e.weightBytes() > 0 && e.kvCacheBytes() > 0 && e.activationBytes() >= 0);
        assertTrue(e.maxBatchAtContext() >= 0 && e.maxContextAtBatch() >= 0);
        assertEquals(e.fits(), e.violations().isEmpty());
        for (double v : new double[] {e.prefillSeconds(), e.decodeSecondsPerToken(), e.endToEndSeconds(),
                e.decodeTokensPerSecond()}) {
            assertTrue(Double.isFinite(v) && v > 0, c + ": " + v);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void lowerBitWeights_neverMoreMemory(Case c) {
        ServingPlan bf16 = c.plan().toBuilder().precision(Precision.bf16()).build();
        ServingPlan int4 = c.plan().toBuilder().precision(new Precision(WeightFormat.parse("int4"), DataType.BF16,
                KvFormat.parse("bf16"))).build();
        assertTrue(estimate(new Case(c.model(), int4), TestHardware.h100()).weightBytes()
                <= estimate(new Case(c.model(), bf16), TestHardware.h100()).weightBytes());
    }

    /** No operation is faster than its roofline: max(FLOPs / peak, bytes / bandwidth). */
    @ParameterizedTest
    @MethodSource("cases")
    void operationTime_neverBelowTheRoofline(Case c) {
        Accelerator a = TestHardware.h100();
        TransformerSpec s = Models.get(c.model());
        LayerOptions o = new LayerOptions(c.plan().precision(), 1, 1, c.plan().attentionKernel(), c.plan().mlaForm());
        for (EfficiencyModel e : new EfficiencyModel[] {EfficiencyDefaults.forAccelerator(a), EfficiencyModel.ideal()}) {
            Pricer p = new Pricer(a, e);
            for (StepShape shape : new StepShape[] {StepShape.prefill(c.plan().batch(), c.plan().promptTokens()),
                    StepShape.decode(c.plan().batch(), c.plan().promptTokens())}) {
                Workload w = TransformerStep.build(s, o, shape);
                for (Block b : w.blocks()) {
                    for (Operation op : b.operations()) {
                        double peak = a.peakFlopsPerSecond(op.dataType());
                        double memory = op.bytes() / a.memoryBandwidthBytesPerSecond();
                        // elementwise work runs on the vector units, whose roof is lower than the matrix peak
                        boolean vector = op.kind() == OperationKind.ELEMENTWISE || op.kind() == OperationKind.NORM
                                || op.kind() == OperationKind.EMBEDDING;
                        double bound = vector ? memory : Math.max(op.flops() / peak, memory);
                        assertTrue(p.seconds(op) >= bound * (1 - 1e-12), op + ": " + p.seconds(op) + " < " + bound);
                    }
                }
            }
        }
    }
}
