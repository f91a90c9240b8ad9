package io.github.roofline4j.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.roofline4j.hardware.Interconnect;
import io.github.roofline4j.workload.CollectiveKind;
import io.github.roofline4j.workload.Communication;

class CollectiveModelTest {

    private static final EfficiencyModel EFF = new EfficiencyModel(Map.of(), 0.8, List.of(new MatmulTile(128, 128)),
            true, 0.658, 184, 0.9, 1e-6, 0.8, 0.75, 10e-6, 30e-6, "test");
    private static final CollectiveModel MODEL = new CollectiveModel(Interconnect.of("NVLink", 450e9),
            Interconnect.of("NIC", 50e9), EFF);

    @Test
    void allReduce_ringInsideDomain() {
        // 8 ranks, 1 GB: 2 x 7/8 x 1 GB at 0.8 x 450 GB/s, plus one latency
        double expected = 2.0 * 7 / 8 * 1e9 / (0.8 * 450e9) + 10e-6;
        assertEquals(expected, MODEL.seconds(new Communication(CollectiveKind.ALL_REDUCE, 1e9, 8, 8)), 1e-15);
    }

    @Test
    void allGather_acrossDomainsOnly() {
        // 4 ranks each in its own domain: the network alone; latency measured at 2 domains plus 2 more ring hops
        double expected = 3.0 / 4 * 1e9 / (0.75 * 50e9) + 30e-6 + 2 * 2.7e-6;
        assertEquals(expected, MODEL.seconds(new Communication(CollectiveKind.ALL_GATHER, 1e9, 4, 1)), 1e-15);
    }

    @Test
    void allReduce_hierarchical() {
        // 16 ranks, 8 per domain: reduce-scatter and all-gather in the domain, all-reduce of S/8 across 2 domains
        double s = 1e9;
        double expected = 2 * (7.0 / 8 * s / (0.8 * 450e9)) + 2 * (1.0 / 2 * (s / 8) / (0.75 * 50e9)) + 2 * 10e-6 + 30e-6;
        assertEquals(expected, MODEL.seconds(new Communication(CollectiveKind.ALL_REDUCE, s, 16, 8)), 1e-15);
    }

    @Test
    void singleRankOrEmptyIsFree() {
        assertEquals(0, MODEL.seconds(new Communication(CollectiveKind.ALL_REDUCE, 1e9, 1, 1)));
        assertEquals(0, MODEL.seconds(new Communication(CollectiveKind.ALL_REDUCE, 0, 8, 8)));
    }

    @ParameterizedTest
    @EnumSource(CollectiveKind.class)
    void everyKind_positiveAndMonotoneInBytes(CollectiveKind kind) {
        int group = kind == CollectiveKind.SEND_RECV ? 2 : 16;
        double small = MODEL.seconds(new Communication(kind, 1e6, group, group == 2 ? 1 : 8));
        double large = MODEL.seconds(new Communication(kind, 1e9, group, group == 2 ? 1 : 8));
        assertTrue(small > 0 && large > small, kind + ": " + small + " " + large);
    }

    @Test
    void noNetwork_crossingDomainsRejected() {
        CollectiveModel single = new CollectiveModel(Interconnect.of("NVLink", 450e9), null, EFF);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> single.seconds(new Communication(CollectiveKind.ALL_REDUCE, 1e9, 16, 8)));
        assertTrue(e.getMessage().contains("needs a scale-out network"), e.getMessage());
    }

    @Test
    void allReduce_treeForSmallBuffersOverManyDomains_ringForLargeOnes() {
        // 128 domains of 8: a ring crosses the network in 2 x 127 hops, a tree in 2 x 7
        Communication small = new Communication(CollectiveKind.ALL_REDUCE, 1e4, 1024, 8);
        double ring = MODEL.seconds(small, CollectiveModel.Algorithm.RING);
        double tree = MODEL.seconds(small, CollectiveModel.Algorithm.TREE);
        assertEquals(2 * 126 * 2.7e-6 - 2 * 6 * 5.0e-6, ring - tree, 1e-6);
        assertEquals(tree, MODEL.seconds(small), 0);
        Communication large = new Communication(CollectiveKind.ALL_REDUCE, 1e10, 1024, 8);
        assertTrue(MODEL.seconds(large, CollectiveModel.Algorithm.RING) < MODEL.seconds(large, CollectiveModel.Algorithm.TREE));
        assertEquals(MODEL.seconds(large, CollectiveModel.Algorithm.RING), MODEL.seconds(large), 0);
    }

    @Test
    void latencyGrowsWithTheRing() {
        double eight = MODEL.seconds(new Communication(CollectiveKind.ALL_REDUCE, 1, 8, 8));
        double four = MODEL.seconds(new Communication(CollectiveKind.ALL_REDUCE, 1, 4, 4));
        assertEquals(2 * 4 * 0.47e-6, eight - four, 1e-9);
    }

    @Test
    void linkLatencyOverridesDefault() {
        CollectiveModel m = new CollectiveModel(Interconnect.of("NVLink", 450e9).withLatencySeconds(3e-6), null, EFF);
        assertEquals(3e-6, m.seconds(new Communication(CollectiveKind.ALL_REDUCE, 1, 8, 8)), 1e-9);
    }
}
