package io.github.roofline4j.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RankLayoutTest {

    @Test
    void defaultPlacement_megatronOrder() {
        // TP 2, CP 2, DP 4, PP 2 on 8-device domains: TP and CP fill 4 ranks, two DP ranks share a domain
        RankLayout l = new RankLayout(2, 2, 4, 2, 1, Placement.TP_CP_DP_PP, 8, 8);
        assertEquals(2, l.tensorRanksPerDomain());
        assertEquals(2, l.contextRanksPerDomain());
        assertEquals(4, l.dataRanksPerDomain(1, 8), "the DP x CP group: 2 CP x 2 DP ranks in a domain");
        assertEquals(16, l.pipelineStride());
        assertFalse(l.handOffInsideDomain(0));
    }

    @Test
    void pipelineInside_handOffsOverTheScaleUpLink() {
        RankLayout l = new RankLayout(2, 1, 8, 4, 1, Placement.TP_PP_DP_CP, 8, 8);
        assertEquals(2, l.pipelineStride());
        assertTrue(l.handOffInsideDomain(0));
        assertTrue(l.handOffInsideDomain(2));
        assertEquals(1, l.dataRanksPerDomain(1, 8), "DP ranks are 8 apart: one per domain");
    }

    @Test
    void pipelineInside_blocksStraddlingDomains_areAcross() {
        // stride 1, 3 stages: pipelines at ranks 0-2, 3-5, 6-8, ...; the third crosses from rank 7 to 8
        RankLayout l = new RankLayout(1, 1, 8, 3, 1, Placement.TP_PP_DP_CP, 8, 8);
        assertFalse(l.handOffInsideDomain(0));
        assertFalse(l.handOffInsideDomain(1));
        // 4 stages of stride 2 tile 8-device domains exactly
        RankLayout tiled = new RankLayout(2, 1, 4, 4, 1, Placement.TP_PP_DP_CP, 8, 8);
        assertTrue(tiled.handOffInsideDomain(0));
        assertTrue(tiled.handOffInsideDomain(1));
        assertTrue(tiled.handOffInsideDomain(2));
        assertTrue(tiled.wrapInsideDomain(), "the whole pipeline sits in one domain");
        assertFalse(l.wrapInsideDomain());
        assertFalse(new RankLayout(2, 1, 4, 4, 1, Placement.TP_CP_DP_PP, 8, 8).wrapInsideDomain());
    }

    @Test
    void expertParallel_drawnFromTheInnerDataRanks() {
        RankLayout l = new RankLayout(1, 1, 16, 1, 8, Placement.TP_CP_DP_PP, 8, 8);
        assertEquals(8, l.dataRanksPerDomain(1, 8), "EP 8 fills a domain");
        assertEquals(1, l.dataRanksPerDomain(8, 2), "the expert-data-parallel pair spans domains");
    }

    @Test
    void tensorBeyondTheDomain_everyOtherGroupOnePerDomain() {
        RankLayout l = new RankLayout(16, 2, 4, 2, 1, Placement.TP_DP_CP_PP, 8, 8);
        assertEquals(8, l.tensorRanksPerDomain());
        assertEquals(1, l.contextRanksPerDomain());
        assertEquals(1, l.dataRanksPerDomain(1, 8));
        assertEquals(1, l.dataRanksPerNode(1, 8));
    }

    static Stream<Integer> seeds() {
        return IntStream.range(0, 200).boxed();
    }

    /** Powers of two: members per domain divide the group and the domain, and whole groups fit the cluster. */
    @ParameterizedTest
    @MethodSource("seeds")
    void perDomain_dividesGroupAndDomain(int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int tp = 1 << r.nextInt(5);
        int cp = 1 << r.nextInt(3);
        int dp = 1 << r.nextInt(6);
        int pp = 1 << r.nextInt(4);
        int ep = 1 << r.nextInt(Integer.numberOfTrailingZeros(dp * cp) + 1);
        int domain = 1 << r.nextInt(1, 7);
        Placement p = Placement.values()[r.nextInt(Placement.values().length)];
        RankLayout l = new RankLayout(tp, cp, dp, pp, ep, p, domain, 8);
        int group = dp * cp;
        for (int[] g : new int[][] {{1, group}, {1, ep}, {ep, group / ep}, {1, cp}}) {
            int n = l.dataRanksPerDomain(g[0], g[1]);
            assertTrue(n >= 1 && g[1] % n == 0 && domain % n == 0, l + " " + g[0] + "/" + g[1] + ": " + n);
        }
        int c = l.contextRanksPerDomain();
        assertTrue(c >= 1 && cp % c == 0, l + ": " + c);
    }

    @Test
    void placement_parse_labels() {
        for (Placement p : Placement.values()) {
            assertEquals(p, Placement.parse(p.label()));
            assertEquals(p, Placement.parse(p.label().toUpperCase().replace('-', '_')));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Placement.parse("tp-pp"));
        assertTrue(e.getMessage().contains("tp-cp-dp-pp") && e.getMessage().contains("'tp-pp'"), e.getMessage());
    }

    @Test
    void badSizes_named() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RankLayout(1, 1, 6, 1, 4,
                Placement.TP_CP_DP_PP, 8, 8)).getMessage().contains("expertParallel 4 must divide"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RankLayout(0, 1, 1, 1, 1,
                Placement.TP_CP_DP_PP, 8, 8)).getMessage().contains("tensorParallel"));
    }
}
