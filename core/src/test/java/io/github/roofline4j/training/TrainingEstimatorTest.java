package io.github.roofline4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.hardware.Interconnect;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.Offload;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.TrainingPrecision;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.units.Units;

class TrainingEstimatorTest {

    /** H100 SXM figures (WP104) on DGX H100 nodes of 8 with one 400 Gb/s NIC per GPU. */
    static final Accelerator H100 = Accelerator.builder("h100-test", "NVIDIA", "H100 test").memoryBytes(80 * Units.GB)
            .memoryBandwidthBytesPerSecond(3.35e12).peakFlopsPerSecond(DataType.BF16, 989.4e12)
            .peakFlopsPerSecond(DataType.FP16, 989.4e12).peakFlopsPerSecond(DataType.FP8_E4M3, 1978.9e12)
            .peakFlopsPerSecond(DataType.FP8_E5M2, 1978.9e12).vectorFlopsPerSecond(DataType.FP32, 66.9e12)
            .computeUnits(132, "SM").tdpWatts(700).scaleUp(Interconnect.of("NVLink 4", 450e9)).scaleUpDomainDevices(8)
            .devicesPerNode(8).scaleOut(Interconnect.of("NDR", 50e9))
            .hostLink(Interconnect.of("PCIe Gen5", 63e9)).build();

    private static ClusterSpec nodes(int n) {
        return new ClusterSpec("h100-x" + 8 * n, "H100", H100, 8, n, 8, H100.scaleUp().orElseThrow(),
                n > 1 ? H100.scaleOut() : Optional.empty(), Map.of(), List.of());
    }

    private static TrainingEstimate run(String model, ClusterSpec c, ParallelPlan plan) {
        return TrainingEstimator.estimate(Models.get(model), c, plan, null);
    }

    @Test
    void partsSumToTheStep_andUtilizationsOrdered() {
        ParallelPlan plan = ParallelPlan.builder().tensorParallel(2).pipelineParallel(2).dataParallel(4).microBatchSize(1)
                .globalBatchSize(32).sequenceTokens(4096).recompute(Recompute.SELECTIVE).zero(ZeroStage.OPTIMIZER).build();
        TrainingEstimate e = run("llama-2-13b", nodes(2), plan);
        assertEquals(e.stepSeconds(), e.pipelineSeconds() + e.dataParallelSeconds() + e.optimizerSeconds()
                + e.offloadSeconds(), 1e-12 * e.stepSeconds());
        assertTrue(e.mfu() > 0 && e.mfu() <= e.hfu() && e.hfu() <= 1, e.mfu() + " " + e.hfu());
        assertTrue(e.pipelineBubbleFraction() > 0 && e.pipelineBubbleFraction() < 1);
        assertEquals(32L * 4096 / e.stepSeconds(), e.tokensPerSecond(), 1e-9 * e.tokensPerSecond());
        MemoryParts m = e.memoryPerGpuBytes();
        assertEquals(m.total(), m.weights() + m.gradients() + m.optimizer() + m.activations() + m.buffers());
    }

    @Test
    void mfu_matchesTheDefinition() {
        ParallelPlan plan = ParallelPlan.builder().dataParallel(8).globalBatchSize(64).sequenceTokens(2048).build();
        TransformerSpec s = Models.get("llama-3.1-8b");
        TrainingEstimate e = TrainingEstimator.estimate(s, nodes(1), plan, null);
        double modelFlops = s.trainingFlopsPerToken(2048, io.github.roofline4j.model.AttentionMask.CAUSAL, Recompute.NONE)
                .modelFlops() * 64 * 2048;
        assertEquals(modelFlops, e.modelFlopsPerStep(), 1e-9 * modelFlops);
        assertEquals(modelFlops / (e.stepSeconds() * 8 * 989.4e12), e.mfu(), 1e-9);
    }

    @Test
    void zero3_moreDevicesNeverMoreMemory() {
        long previous = Long.MAX_VALUE;
        for (int nodes : new int[] {1, 2, 4, 8}) {
            ParallelPlan plan = ParallelPlan.builder().dataParallel(8 * nodes).globalBatchSize(8 * nodes)
                    .zero(ZeroStage.PARAMETERS).recompute(Recompute.FULL).build();
            long memory = run("llama-2-70b", nodes(nodes), plan).memoryPerGpuBytes().total();
            assertTrue(memory <= previous, nodes + " nodes: " + memory);
            previous = memory;
        }
    }

    @Test
    void zeroStages_shardWhatTheySay() {
        ParallelPlan base = ParallelPlan.builder().dataParallel(8).globalBatchSize(8).recompute(Recompute.FULL).build();
        MemoryParts z0 = run("llama-2-7b", nodes(1), base).memoryPerGpuBytes();
        MemoryParts z1 = run("llama-2-7b", nodes(1), base.toBuilder().zero(ZeroStage.OPTIMIZER).build()).memoryPerGpuBytes();
        MemoryParts z2 = run("llama-2-7b", nodes(1), base.toBuilder().zero(ZeroStage.GRADIENTS).build()).memoryPerGpuBytes();
        MemoryParts z3 = run("llama-2-7b", nodes(1), base.toBuilder().zero(ZeroStage.PARAMETERS).build()).memoryPerGpuBytes();
        // ZeRO paper: 2 + 2 + 12 bytes per parameter without sharding
        assertEquals(6 * z0.weights(), z0.optimizer(), 0.01 * z0.optimizer());
        assertEquals(z0.optimizer() / 8.0, z1.optimizer(), 0.01 * z1.optimizer());
        assertEquals(z0.gradients() / 8.0, z2.gradients(), 0.01 * z2.gradients());
        assertEquals(z0.weights() / 8.0, z3.weights(), 0.01 * z3.weights());
        assertTrue(z3.total() < z2.total() && z2.total() < z1.total() && z1.total() < z0.total());
    }

    @Test
    void recompute_neverMoreActivationsButMoreTime() {
        ParallelPlan none = ParallelPlan.builder().dataParallel(8).globalBatchSize(8).sequenceTokens(4096).build();
        TrainingEstimate a = run("llama-2-7b", nodes(1), none);
        TrainingEstimate f = run("llama-2-7b", nodes(1), none.toBuilder().recompute(Recompute.FULL).build());
        assertTrue(f.memoryPerGpuBytes().activations() < a.memoryPerGpuBytes().activations());
        assertTrue(f.stepSeconds() > a.stepSeconds());
        assertTrue(f.hfu() > f.mfu());
    }

    @Test
    void interleaving_shrinksTheBubble() {
        ParallelPlan oneF = ParallelPlan.builder().tensorParallel(8).pipelineParallel(4).dataParallel(1)
                .globalBatchSize(8).recompute(Recompute.FULL).build();
        TrainingEstimate a = run("llama-2-70b", nodes(4), oneF);
        TrainingEstimate b = run("llama-2-70b", nodes(4), oneF.toBuilder().virtualStages(2).build());
        assertTrue(b.bubbleSeconds() < a.bubbleSeconds());
        // 1F1B bubble (p - 1) / m of the ideal time
        assertEquals(3.0 / 8, a.bubbleSeconds() / (a.pipelineSeconds() - a.bubbleSeconds()), 0.05);
    }

    @Test
    void budget_timeHoursCostEnergy() {
        ParallelPlan plan = ParallelPlan.builder().dataParallel(8).globalBatchSize(64).zero(ZeroStage.OPTIMIZER)
                .recompute(Recompute.SELECTIVE).build();
        TrainingEstimate e = TrainingEstimator.estimate(Models.get("llama-2-7b"), nodes(1), plan,
                new TrainingEstimator.Budget(1e12, 2.5));
        assertEquals(1e12 / e.tokensPerSecond(), e.trainingSeconds(), 1e-6 * e.trainingSeconds());
        assertEquals(8 * e.trainingSeconds() / 3600, e.gpuHours(), 1e-6 * e.gpuHours());
        assertEquals(2.5 * e.gpuHours(), e.costDollars(), 1e-6 * e.costDollars());
        assertEquals(8 * 700 * e.trainingSeconds(), e.energyJoules(), 1e-6 * e.energyJoules());
        assertNull(run("llama-2-7b", nodes(1), plan).trainingSeconds());
    }

    @Test
    void doesNotFit_saysNeededVersusAvailable() {
        TrainingEstimate e = run("llama-2-70b", nodes(1), ParallelPlan.builder().dataParallel(8).globalBatchSize(8).build());
        assertFalse(e.fits());
        assertTrue(e.violations().get(0).startsWith("training needs "), e.violations().toString());
        assertTrue(e.violations().get(0).contains("is available"), e.violations().toString());
    }

    @Test
    void offload_removesOptimizerStatesAndCostsHostTransfers() {
        ParallelPlan plan = ParallelPlan.builder().dataParallel(8).globalBatchSize(8).recompute(Recompute.FULL).build();
        TrainingEstimate off = run("llama-2-7b", nodes(1), plan.toBuilder().zero(ZeroStage.OPTIMIZER).offload(Offload.OPTIMIZER)
                .build());
        assertEquals(0, off.memoryPerGpuBytes().optimizer());
        assertTrue(off.offloadSeconds() > 0);
    }

    @Test
    void expertAndContextParallel_run() {
        ParallelPlan moe = ParallelPlan.builder().dataParallel(16).expertParallel(8).globalBatchSize(16).zero(ZeroStage.OPTIMIZER)
                .recompute(Recompute.FULL).build();
        TrainingEstimate e = run("mixtral-8x7b", nodes(2), moe);
        assertTrue(e.operations().stream().anyMatch(r -> r.name().equals("experts_dispatch")));
        ParallelPlan cp = ParallelPlan.builder().tensorParallel(8).contextParallel(2).dataParallel(1).sequenceTokens(32768)
                .sequenceParallel(true).recompute(Recompute.SELECTIVE).build();
        TrainingEstimate c = run("llama-3.1-8b", nodes(2), cp);
        assertTrue(c.operations().stream().anyMatch(r -> r.name().equals("cp_kv_all_gather")));
        assertTrue(c.operations().stream().anyMatch(r -> r.name().equals("attention_reduce_scatter")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "devices|must equal the 16 devices",
            "layers|must divide the 40 layers",
            "heads|tensor parallelism 16 must divide the"})
    void invalid_nameTheRule(String which, String message) {
        ParallelPlan plan = switch (which) {
            case "devices" -> ParallelPlan.builder().dataParallel(8).build();
            case "layers" -> ParallelPlan.builder().pipelineParallel(16).build();
            default -> ParallelPlan.builder().tensorParallel(16).build();
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(which.equals("heads") ? "gpt-3-13b" : which.equals("layers") ? "llama-2-13b" : "llama-2-7b",
                        nodes(2), plan));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertNotNull(e);
    }

    @Test
    void precision_mustRunNatively() {
        Accelerator noFp8 = Accelerator.builder("no-fp8", "NVIDIA", "A100-like, no FP8").memoryBytes(80 * Units.GB)
                .memoryBandwidthBytesPerSecond(2.039e12).peakFlopsPerSecond(DataType.BF16, 312e12)
                .peakFlopsPerSecond(DataType.FP16, 312e12).vectorFlopsPerSecond(DataType.FP32, 19.5e12)
                .computeUnits(108, "SM").scaleUp(Interconnect.of("NVLink 3", 300e9)).scaleUpDomainDevices(8)
                .devicesPerNode(8).build();
        ClusterSpec c = new ClusterSpec("no-fp8-x8", "no FP8", noFp8, 8, 1, 8, noFp8.scaleUp().orElseThrow(),
                Optional.empty(), Map.of(), List.of());
        ParallelPlan fp8 = ParallelPlan.builder().dataParallel(8).precision(TrainingPrecision.FP8).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingEstimator.estimate(Models.get("llama-2-7b"), c, fp8, null));
        assertTrue(e.getMessage().startsWith("precision fp8: no-fp8 has no native FP8"), e.getMessage());
        TrainingEstimate fp16 = TrainingEstimator.estimate(Models.get("llama-2-7b"), c,
                fp8.toBuilder().precision(TrainingPrecision.FP16).build(), null);
        assertTrue(fp16.mfu() > 0);
    }

    @Test
    void hybridSharding_shardsWithinANodeAndReducesAcrossNodes() {
        ParallelPlan full = ParallelPlan.builder().dataParallel(16).globalBatchSize(64).zero(ZeroStage.PARAMETERS).build();
        TrainingEstimate sharded = run("llama-3.1-8b", nodes(2), full);
        TrainingEstimate hybrid = run("llama-3.1-8b", nodes(2), full.toBuilder().hybridSharding(true).build());
        assertTrue(hybrid.memoryPerGpuBytes().weights() > sharded.memoryPerGpuBytes().weights());
        assertTrue(hybrid.assumptions().stream().anyMatch(a -> a.startsWith("Hybrid sharding")));
        ParallelPlan tpFillsNode = ParallelPlan.builder().tensorParallel(8).dataParallel(2).zero(ZeroStage.PARAMETERS)
                .hybridSharding(true).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run("llama-3.1-8b", nodes(2), tpFillsNode));
        assertTrue(e.getMessage().startsWith("hybridSharding needs more than one data-parallel rank per node"),
                e.getMessage());
    }

    @Test
    void memoryUtilization_validated() {
        ParallelPlan plan = ParallelPlan.builder().dataParallel(8).build();
        for (double bad : new double[] {0, -1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrainingEstimator.estimate(Models.get("llama-2-7b"), nodes(1), plan, null,
                            EfficiencyDefaults.forAccelerator(H100), bad));
            assertTrue(e.getMessage().startsWith("memoryUtilization must be in (0, 1]"), e.getMessage());
        }
    }

    @Test
    void hugeActivations_areAnError() {
        ParallelPlan plan = ParallelPlan.builder().dataParallel(8).microBatchSize(20_000_000).globalBatchSize(160_000_000)
                .sequenceTokens(131072).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run("llama-3.1-8b", nodes(1), plan));
        assertTrue(e.getMessage().contains("bytes per device; reduce microBatchSize or sequenceTokens"), e.getMessage());
    }
}
