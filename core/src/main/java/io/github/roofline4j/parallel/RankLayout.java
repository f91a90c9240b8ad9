package io.github.roofline4j.parallel;

import io.github.roofline4j.support.Checks;

/**
 * Where the ranks of each parallel group sit: how many members of a group share one scale-up
 * domain (and one node), which decides which collectives cross the network.
 *
 * <p>Ranks are a mixed-radix number whose digits are TP (innermost) and then CP, DP and PP in the
 * order of the {@link Placement}; a dimension's stride is the product of the sizes inside it. A
 * group made of pieces of size g<sub>i</sub> at stride s<sub>i</sub> has, in one block of D
 * consecutive ranks, &prod; gcd(g<sub>i</sub>, D / s<sub>i</sub>) members (over the pieces with
 * s<sub>i</sub> &lt; D): exact when the sizes and D are powers of two, as on every real cluster.
 * Expert parallelism takes its EP ranks from the innermost of the DP &times; CP ranks
 * (Megatron-Core), the expert-data-parallel group being the rest of them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tensorParallel TP
 * @param contextParallel CP
 * @param dataParallel DP
 * @param pipelineParallel PP
 * @param expertParallel EP, dividing DP &times; CP
 * @param placement the order of the dimensions
 * @param domainDevices devices of one scale-up domain
 * @param nodeDevices devices of one node
 */
public record RankLayout(int tensorParallel, int contextParallel, int dataParallel, int pipelineParallel,
        int expertParallel, Placement placement, int domainDevices, int nodeDevices) {

    /**
     * Validates the sizes.
     *
     * @throws IllegalArgumentException if a size is not positive or EP does not divide DP &times; CP
     */
    public RankLayout {
        Checks.positive("tensorParallel", tensorParallel);
        Checks.positive("contextParallel", contextParallel);
        Checks.positive("dataParallel", dataParallel);
        Checks.positive("pipelineParallel", pipelineParallel);
        Checks.positive("expertParallel", expertParallel);
        Checks.notNull("placement", placement);
        Checks.positive("domainDevices", domainDevices);
        Checks.positive("nodeDevices", nodeDevices);
        if ((long) dataParallel * contextParallel % expertParallel != 0) {
            throw new IllegalArgumentException("expertParallel " + expertParallel + " must divide dataParallel x "
                    + "contextParallel = " + (long) dataParallel * contextParallel);
        }
    }

    /**
     * The layout of a plan on a cluster's domains and nodes.
     *
     * @param plan the plan
     * @param domainDevices devices of one scale-up domain
     * @param nodeDevices devices of one node
     * @return the layout
     */
    public static RankLayout of(ParallelPlan plan, int domainDevices, int nodeDevices) {
        return new RankLayout(plan.tensorParallel(), plan.contextParallel(), plan.dataParallel(),
                plan.pipelineParallel(), plan.expertParallel(), plan.placement(), domainDevices, nodeDevices);
    }

    /**
     * Returns the TP ranks in one domain.
     *
     * @return gcd(TP, D), or 1 when D is 1
     */
    public int tensorRanksPerDomain() {
        return piece(tensorParallel, 1, domainDevices);
    }

    /**
     * Returns the CP ranks in one domain.
     *
     * @return members of the CP group per domain
     */
    public int contextRanksPerDomain() {
        return piece(contextParallel, stride(Placement.Dimension.CP), domainDevices);
    }

    /**
     * Returns the stride between consecutive pipeline stages' ranks.
     *
     * @return the product of the dimensions inside PP
     */
    public long pipelineStride() {
        return stride(Placement.Dimension.PP);
    }

    /**
     * Tells whether the hand-off from stage {@code link} to stage {@code link + 1} stays inside a
     * scale-up domain for every pipeline: stage i of a pipeline holds the ranks [B + i&middot;s,
     * B + (i + 1)&middot;s) of its block, with s the {@link #pipelineStride()} and B a multiple of
     * s&middot;PP (the dimensions outside PP); the hand-off is inside when, for every B, both stages'
     * ranks lie in one block of D consecutive ranks. Only B mod D matters, so at most D / gcd(s&middot;PP, D)
     * blocks are checked.
     *
     * @param link the sending stage, in [0, PP &minus; 1)
     * @return true when every pipeline's hand-off uses the scale-up link
     */
    public boolean handOffInsideDomain(int link) {
        long s = pipelineStride();
        return s < domainDevices && pipelinesInsideDomain(link * s, (link + 2) * s);
    }

    /**
     * Tells whether the interleaved schedule's hand-off from the last stage back to the first
     * (each micro-batch's next chunk) stays inside a scale-up domain for every pipeline: all of a
     * pipeline's ranks lie in one domain.
     *
     * @return true when every pipeline sits inside one domain
     */
    public boolean wrapInsideDomain() {
        long s = pipelineStride();
        return s < domainDevices && pipelinesInsideDomain(0, s * pipelineParallel);
    }

    /**
     * Whether, for every pipeline block B, the ranks [B + from, B + to) lie in one domain. Only B
     * mod D matters, so at most D / gcd(s&middot;PP, D) blocks are checked.
     */
    private boolean pipelinesInsideDomain(long from, long to) {
        long d = domainDevices;
        long span = pipelineStride() * pipelineParallel;
        long devices = (long) tensorParallel * contextParallel * dataParallel * pipelineParallel;
        long distinct = Math.min(devices / span, d / gcd(span, d));
        for (long k = 0; k < distinct; k++) {
            long b = k * span % d;
            if ((b + from) / d != (b + to - 1) / d) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns how many members of a sub-group of the DP &times; CP ranks share one domain: the group
     * of {@code take} ranks spaced {@code skip} apart in the DP &times; CP numbering (skip 1, take
     * DP &times; CP is the whole data-parallel group; skip 1, take EP the expert-parallel group;
     * skip EP the expert-data-parallel one).
     *
     * @param skip the spacing in DP &times; CP ranks, &ge; 1
     * @param take the members, &ge; 1
     * @return members per domain, in [1, take]
     */
    public int dataRanksPerDomain(int skip, int take) {
        return dataRanksPer(skip, take, domainDevices);
    }

    /**
     * As {@link #dataRanksPerDomain(int, int)} for one node (hybrid sharding shards within a node).
     *
     * @param skip the spacing in DP &times; CP ranks, &ge; 1
     * @param take the members, &ge; 1
     * @return members per node, in [1, take]
     */
    public int dataRanksPerNode(int skip, int take) {
        return dataRanksPer(skip, take, nodeDevices);
    }

    private int dataRanksPer(int skip, int take, int block) {
        Checks.positive("skip", skip);
        Checks.positive("take", take);
        boolean cpFirst = index(Placement.Dimension.CP) < index(Placement.Dimension.DP);
        long s = skip;
        long g = take;
        int count = 1;
        for (int i = 0; i < 2 && g > 1; i++) {
            boolean cp = cpFirst == (i == 0);
            int size = cp ? contextParallel : dataParallel;
            if (s >= size) {
                s = (s + size - 1) / size;
                continue;
            }
            long available = size / s;
            long stride = stride(cp ? Placement.Dimension.CP : Placement.Dimension.DP) * s;
            s = 1;
            long here = Math.min(g, available);
            count *= piece(here, stride, block);
            g = (g + here - 1) / here;
        }
        return count;
    }

    /** Members of a piece of {@code size} ranks at {@code stride} inside one block of consecutive ranks. */
    private static int piece(long size, long stride, int block) {
        return stride >= block ? 1 : (int) gcd(size, block / stride);
    }

    private long stride(Placement.Dimension d) {
        long s = tensorParallel;
        for (int i = 0; i < 3; i++) {
            Placement.Dimension at = placement.at(i);
            if (at == d) {
                return s;
            }
            s *= size(at);
        }
        throw new AssertionError(d);
    }

    private int index(Placement.Dimension d) {
        for (int i = 0; i < 3; i++) {
            if (placement.at(i) == d) {
                return i;
            }
        }
        throw new AssertionError(d);
    }

    private int size(Placement.Dimension d) {
        return switch (d) {
            case CP -> contextParallel;
            case DP -> dataParallel;
            case PP -> pipelineParallel;
        };
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
