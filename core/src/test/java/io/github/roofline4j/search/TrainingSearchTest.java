package io.github.roofline4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
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
import io.github.roofline4j.parallel.Placement;
import io.github.roofline4j.parallel.RankLayout;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.training.TrainingEstimate;
import io.github.roofline4j.training.TrainingEstimator;
import io.github.roofline4j.units.Units;

class TrainingSearchTest {

    /** Agreement of the search's step with the estimator's: the same arithmetic, summed in another order. */
    private static final double SAME_STEP = 1e-9;

    /** H100 SXM figures (WP104) with 24 GB of memory, so that memory prunes part of the small spaces. */
    private static final Accelerator SMALL_H100 = Accelerator.builder("h100-24g-test", "NVIDIA", "H100 24 GB test")
            .memoryBytes(24 * Units.GB).memoryBandwidthBytesPerSecond(3.35e12).peakFlopsPerSecond(DataType.BF16, 989.4e12)
            .peakFlopsPerSecond(DataType.FP8_E4M3, 1978.9e12).vectorFlopsPerSecond(DataType.FP32, 66.9e12)
            .computeUnits(132, "SM").tdpWatts(700).scaleUp(Interconnect.of("NVLink 4", 450e9)).scaleUpDomainDevices(8)
            .devicesPerNode(8).scaleOut(Interconnect.of("NDR", 50e9)).hostLink(Interconnect.of("PCIe Gen5", 63e9)).build();

    private static ClusterSpec nodes(int n) {
        return new ClusterSpec("h100-24g-x" + 8 * n, "H100 24 GB", SMALL_H100, 8, n, 8,
                SMALL_H100.scaleUp().orElseThrow(), n > 1 ? SMALL_H100.scaleOut() : Optional.empty(), Map.of(), List.of());
    }

    private record Found(ParallelPlan plan, double step) {
    }

    private record Brute(long valid, long fits, List<Found> plans) {
    }

    /** Every plan of the search's space, each estimated by the estimator: the reference the search must match. */
    private static Brute bruteForce(TransformerSpec spec, ClusterSpec c, int global, long seq, List<Placement> placements) {
        int n = c.deviceCount();
        long valid = 0;
        long fits = 0;
        List<Found> found = new ArrayList<>();
        List<Integer> experts = spec.moe().isPresent() ? divisors(spec.moe().get().routedExperts()) : List.of(1);
        for (int tp : divisors(n)) {
            for (int pp : divisors(n)) {
                for (int cp : divisors(n)) {
                    if (pp > spec.layerCount() || cp > 1 && (cp > 16 || seq / cp < 1024) || n % (tp * pp * cp) != 0) {
                        continue;
                    }
                    int dp = n / (tp * pp * cp);
                    for (int ep : experts) {
                        for (Placement placement : placements) {
                            for (boolean sp : new boolean[] {false, true}) {
                                for (int mb : divisors(global)) {
                                    for (Recompute r : Recompute.values()) {
                                        for (int v = 1; v <= 8; v++) {
                                            for (ZeroStage z : ZeroStage.values()) {
                                                for (boolean hybrid : new boolean[] {false, true}) {
                                                    for (Offload o : Offload.values()) {
                                                        ParallelPlan plan;
                                                        try {
                                                            plan = ParallelPlan.builder().tensorParallel(tp)
                                                                    .pipelineParallel(pp).virtualStages(v).dataParallel(dp)
                                                                    .contextParallel(cp).expertParallel(ep)
                                                                    .sequenceParallel(sp).zero(z).hybridSharding(hybrid)
                                                                    .microBatchSize(mb).globalBatchSize(global)
                                                                    .sequenceTokens(seq).recompute(r).offload(o)
                                                                    .unevenPipeline(spec.layerCount() % pp != 0)
                                                                    .placement(placement).build();
                                                        } catch (IllegalArgumentException e) {
                                                            continue;
                                                        }
                                                        if (hybrid && RankLayout.of(plan, 8, 8).dataRanksPerNode(1,
                                                                dp * cp) >= dp * cp) {
                                                            continue; // shards over the whole group: the same plan
                                                        }
                                                        TrainingEstimate e;
                                                        try {
                                                            e = TrainingEstimator.estimate(spec, c, plan, null);
                                                        } catch (IllegalArgumentException ex) {
                                                            continue;
                                                        }
                                                        valid++;
                                                        if (e.fits()) {
                                                            fits++;
                                                            found.add(new Found(plan, e.stepSeconds()));
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        found.sort(Comparator.comparingDouble(Found::step));
        return new Brute(valid, fits, found);
    }

    private static List<Integer> divisors(int n) {
        List<Integer> d = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (n % i == 0) {
                d.add(i);
            }
        }
        return d;
    }

    @ParameterizedTest(name = "{0} on {1} nodes")
    @CsvSource({
        "gpt-3-1.3b, 2, 16, 2048",
        "qwen1.5-moe-a2.7b, 1, 8, 2048",
    })
    void run_matchesBruteForce(String model, int nodeCount, int global, long seq) {
        TransformerSpec spec = Models.get(model);
        ClusterSpec c = nodes(nodeCount);
        Brute brute = bruteForce(spec, c, global, seq, List.of(Placement.TP_CP_DP_PP));
        int k = 10;
        TrainingSearchResult r = TrainingSearch.run(spec, c, SearchSpace.builder(global, seq)
                .placements(Placement.TP_CP_DP_PP).build(), Objective.TIME, k, SearchListener.NONE);
        assertTrue(r.complete());
        assertEquals(brute.valid(), r.enumerated(), "valid plans");
        assertEquals(brute.fits(), r.feasible(), "plans that fit");
        assertTrue(brute.fits() > k && brute.fits() < brute.valid(), "memory must prune part of the space: " + brute.fits()
                + " of " + brute.valid());
        assertEquals(k, r.plans().size());
        for (int i = 0; i < k; i++) {
            double expected = brute.plans().get(i).step();
            double actual = r.plans().get(i).estimate().stepSeconds();
            assertEquals(expected, actual, SAME_STEP * expected, "rank " + (i + 1) + ": brute force "
                    + brute.plans().get(i).plan() + ", search " + r.plans().get(i).plan());
        }
        assertTrue(r.priced() <= r.feasible());
    }

    @Test
    void run_placements_neverWorseThanTheDefaultAlone() {
        TransformerSpec spec = Models.get("gpt-3-1.3b");
        SearchSpace.Builder b = SearchSpace.builder(16, 2048);
        TrainingSearchResult all = TrainingSearch.run(spec, nodes(2), b.build(), Objective.TIME, 1, SearchListener.NONE);
        TrainingSearchResult one = TrainingSearch.run(spec, nodes(2), b.placements(Placement.TP_CP_DP_PP).build(),
                Objective.TIME, 1, SearchListener.NONE);
        assertTrue(all.plans().get(0).estimate().stepSeconds() <= one.plans().get(0).estimate().stepSeconds());
        assertTrue(all.enumerated() > one.enumerated(), "placements add distinct plans");
    }

    @Test
    void run_placementsThatPriceAlike_walkedOnce() {
        // one 8-device node is one domain: every placement keeps every group inside it
        TransformerSpec spec = Models.get("gpt-3-1.3b");
        TrainingSearchResult all = TrainingSearch.run(spec, nodes(1), SearchSpace.builder(16, 2048).build(), Objective.TIME,
                5, SearchListener.NONE);
        TrainingSearchResult one = TrainingSearch.run(spec, nodes(1), SearchSpace.builder(16, 2048)
                .placements(Placement.TP_CP_DP_PP).build(), Objective.TIME, 5, SearchListener.NONE);
        assertEquals(one.enumerated(), all.enumerated());
        assertEquals(one.plans().stream().map(p -> p.plan().toString()).toList(),
                all.plans().stream().map(p -> p.plan().toString()).toList());
    }

    @Test
    void run_isDeterministic_whateverTheThreads() {
        TransformerSpec spec = Models.get("llama-2-7b");
        List<String> reference = null;
        for (int threads : new int[] {1, 2, 3}) {
            TrainingSearchResult r = TrainingSearch.run(spec, nodes(4), SearchSpace.builder(64, 4096).threads(threads)
                    .build(), Objective.TIME, 8, SearchListener.NONE);
            List<String> plans = r.plans().stream().map(p -> p.plan().toString()).toList();
            if (reference == null) {
                reference = plans;
            } else {
                assertEquals(reference, plans, threads + " threads");
            }
        }
    }

    @Test
    void run_ranksByStepThenTieOrder() {
        TrainingSearchResult r = TrainingSearch.run(Models.get("llama-2-7b"), nodes(2), SearchSpace.builder(32, 4096)
                .build(), Objective.TIME, 20, SearchListener.NONE);
        for (int i = 1; i < r.plans().size(); i++) {
            assertTrue(r.plans().get(i - 1).estimate().stepSeconds() <= r.plans().get(i).estimate().stepSeconds());
            assertEquals(i + 1, r.plans().get(i).rank());
        }
    }

    @Test
    void run_fixedTensorParallel_isRespected() {
        TrainingSearchResult r = TrainingSearch.run(Models.get("llama-2-7b"), nodes(2), SearchSpace.builder(32, 4096)
                .tensorParallel(4).recompute(Recompute.NONE).zero(ZeroStage.OPTIMIZER).build(), Objective.TIME, 5,
                SearchListener.NONE);
        assertFalse(r.plans().isEmpty());
        for (RankedPlan p : r.plans()) {
            assertEquals(4, p.plan().tensorParallel());
            assertEquals(Recompute.NONE, p.plan().recompute());
            assertEquals(ZeroStage.OPTIMIZER, p.plan().zero());
        }
    }

    @Test
    void run_mfuObjective_acrossDeviceCounts_ranksByStepTimesDevices() {
        TrainingSearchResult r = TrainingSearch.run(Models.get("llama-2-7b"), nodes(4), SearchSpace.builder(64, 4096)
                .maxDevices(32).build(), Objective.MFU, 5, SearchListener.NONE);
        for (int i = 1; i < r.plans().size(); i++) {
            assertTrue(r.plans().get(i - 1).estimate().mfu() >= r.plans().get(i).estimate().mfu() * (1 - SAME_STEP));
        }
        TrainingSearchResult fastest = TrainingSearch.run(Models.get("llama-2-7b"), nodes(4), SearchSpace.builder(64, 4096)
                .maxDevices(32).build(), Objective.TIME, 1, SearchListener.NONE);
        assertTrue(r.plans().get(0).estimate().mfu() >= fastest.plans().get(0).estimate().mfu());
    }

    @Test
    void run_devicesObjective_fewestDevicesMeetingTheTarget() {
        TransformerSpec spec = Models.get("llama-2-7b");
        SearchSpace.Builder b = SearchSpace.builder(64, 4096);
        // the fastest 8-device plan sets a target that 8 devices just meet
        double eight = TrainingSearch.run(spec, nodes(4), b.deviceCounts(8).build(), Objective.TIME, 1,
                SearchListener.NONE).plans().get(0).estimate().stepSeconds();
        TrainingSearchResult r = TrainingSearch.run(spec, nodes(4), SearchSpace.builder(64, 4096)
                .targetStepSeconds(eight * 0.99).build(), Objective.DEVICES, 3, SearchListener.NONE);
        assertFalse(r.plans().isEmpty());
        assertEquals(16, r.plans().get(0).plan().deviceCount(), "8 devices miss a target 1% faster than their best");
        for (RankedPlan p : r.plans()) {
            assertTrue(p.estimate().stepSeconds() <= eight * 0.99);
        }
    }

    @Test
    void run_timeLimit_stopsWithWhatItHas() {
        TrainingSearchResult r = TrainingSearch.run(Models.get("llama-2-7b"), nodes(4), SearchSpace.builder(64, 4096)
                .timeLimitSeconds(1e-9).build(), Objective.TIME, 3, SearchListener.NONE);
        assertFalse(r.complete());
    }

    @Test
    void run_interrupted_stopsWithWhatItHas() {
        Thread.currentThread().interrupt();
        try {
            TrainingSearchResult r = TrainingSearch.run(Models.get("llama-2-7b"), nodes(4), SearchSpace.builder(64, 4096)
                    .build(), Objective.TIME, 3, SearchListener.NONE);
            assertFalse(r.complete());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void run_reportsProgress_atTheEnd() {
        List<SearchProgress> seen = new ArrayList<>();
        TrainingSearchResult r = TrainingSearch.run(Models.get("gpt-3-1.3b"), nodes(1), SearchSpace.builder(16, 2048)
                .build(), Objective.TIME, 1, seen::add);
        SearchProgress last = seen.get(seen.size() - 1);
        assertEquals(r.enumerated(), last.evaluated());
        assertEquals(last.total(), last.evaluated());
        assertEquals(r.plans().get(0).estimate().stepSeconds(), last.bestStepSeconds());
    }

    @Test
    void run_nothingFits_isAnEmptyResult() {
        TrainingSearchResult r = TrainingSearch.run(Models.get("llama-2-70b"), nodes(1), SearchSpace.builder(8, 4096)
                .offload(false).build(), Objective.TIME, 3, SearchListener.NONE);
        assertTrue(r.plans().isEmpty());
        assertEquals(0, r.feasible());
        assertTrue(r.enumerated() > 0);
    }

    @Test
    void run_absurdActivations_neverFit() {
        // 2^21 sequences of 128k tokens per micro-batch: beyond 2^62 bytes, which must not wrap into "fits"
        TrainingSearchResult r = TrainingSearch.run(Models.get("llama-3.1-8b"), nodes(1), SearchSpace.builder(1 << 21,
                131072).microBatchSizes(1 << 21).tensorParallel(8).flashAttention(false).build(), Objective.TIME, 3,
                SearchListener.NONE);
        assertTrue(r.enumerated() > 0);
        assertEquals(0, r.feasible());
        assertTrue(r.plans().isEmpty());
    }

    @Test
    void run_hugeTimeLimit_isNoLimit() {
        TrainingSearchResult r = TrainingSearch.run(Models.get("gpt-3-1.3b"), nodes(1), SearchSpace.builder(16, 2048)
                .timeLimitSeconds(1e10).build(), Objective.TIME, 1, SearchListener.NONE);
        assertTrue(r.complete());
        assertFalse(r.plans().isEmpty());
    }

    @Test
    void run_badInput_namesTheProblem() {
        TransformerSpec spec = Models.get("llama-2-7b");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingSearch.run(spec, nodes(2),
                SearchSpace.builder(32, 4096).build(), Objective.DEVICES, 3, SearchListener.NONE)).getMessage()
                .contains("targetStepSeconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingSearch.run(spec, nodes(4),
                SearchSpace.builder(32, 4096).deviceCounts(24).build(), Objective.TIME, 3, SearchListener.NONE))
                .getMessage().contains("deviceCounts: 24"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingSearch.run(spec, nodes(2),
                SearchSpace.builder(32, 1 << 20).build(), Objective.TIME, 3, SearchListener.NONE)).getMessage()
                .contains("exceeds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingSearch.run(spec, nodes(2),
                SearchSpace.builder(32, 4096).pipelineParallel(64).build(), Objective.TIME, 3, SearchListener.NONE))
                .getMessage().contains("pipelineParallel 64 exceeds the 32 layers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder(0, 4096).build())
                .getMessage().contains("globalBatchSize"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder(8, 4096).tensorParallel(0)
                .build()).getMessage().contains("tensorParallel"));
    }
}
