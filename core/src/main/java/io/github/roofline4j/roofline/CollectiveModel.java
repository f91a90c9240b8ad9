package io.github.roofline4j.roofline;

import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.Interconnect;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.workload.CollectiveKind;
import io.github.roofline4j.workload.Communication;

/**
 * An alpha-beta model of collectives on a two-level topology: time = &alpha; + bus bytes / bus
 * bandwidth (Hockney 1994; the model nccl-tests' "busbw" assumes).
 *
 * <p>Bus bytes per rank for a buffer of S bytes over n ranks, with ring algorithms (NCCL's
 * {@code PERFORMANCE.md}): all-reduce 2(n&minus;1)/n&middot;S; reduce-scatter, all-gather and
 * all-to-all (n&minus;1)/n&middot;S; broadcast S; send/recv S. The bus bandwidth is the link's
 * per-direction bandwidth times the achieved bus fraction of the {@link EfficiencyModel}; &alpha;
 * is the fixed cost per collective and level: the link's own {@code latencySeconds} when the
 * catalog gives one, else the model's measured figure (an 8-rank all-reduce inside a domain, a
 * 2-domain one across), moved by NCCL's per-hop latencies for larger or smaller groups (NVIDIA/nccl
 * {@code src/graph/tuning.cc}: ring 0.47 &micro;s per NVLink hop and 2.7 &micro;s per network hop,
 * tree 5.0 &micro;s per network hop, LL protocol). An all-reduce runs as a ring or as NCCL's double
 * binary tree, whichever is faster: a tree crosses m domains in 2&lceil;log<sub>2</sub> m&rceil; hops
 * instead of 2(m &minus; 1), at 0.9 of the ring's bus bandwidth, so trees win for small buffers
 * over many nodes and rings for large ones, as in NCCL's tuner.
 *
 * <p>A group inside one scale-up domain uses the scale-up link. A group of d ranks per domain over
 * m domains runs hierarchically (as NCCL's NVLS-tree and MSCCL two-level algorithms do): an
 * all-reduce is a reduce-scatter inside each domain, an all-reduce of S/d across domains (each of
 * the d ranks on its own network adapter) and an all-gather inside; an all-gather or
 * reduce-scatter the same without the other half; an all-to-all sends (d&minus;1)/n of its buffer
 * over the scale-up link and (n&minus;d)/n over the network at once; a broadcast crosses the
 * network, then the domain. Groups with one rank per domain use the network alone.
 *
 * <p>A collective for which the {@link EfficiencyModel} holds {@linkplain EfficiencyModel#measuredCollectives()
 * measured parameters} at its level (inside one domain, or across) is priced with those alone.
 *
 * <p>Immutable and thread-safe.
 */
public final class CollectiveModel {

    /** The group size at which the scale-up latencies of {@link EfficiencyDefaults} were measured (8-GPU all-reduces). */
    static final int REFERENCE_DOMAIN_RANKS = 8;
    /** NCCL's ring hop latency over NVLink, LL protocol (NVIDIA/nccl {@code src/graph/tuning.cc} @01afd20, hwLat). */
    static final double RING_HOP_UP_SECONDS = 0.47e-6;
    /** NCCL's ring hop latency over the network, LL protocol (same source). */
    static final double RING_HOP_OUT_SECONDS = 2.7e-6;
    /** NCCL's tree hop latency over the network, LL protocol (same source). */
    static final double TREE_HOP_OUT_SECONDS = 5.0e-6;
    /** NCCL's tuning model gives a tree 0.9 of the ring's bus bandwidth (same source, {@code busBw*.9}). */
    static final double TREE_BANDWIDTH = 0.9;

    /** The efficiency model's measured collectives, by kind ordinal and scope ordinal; null where not measured. */
    private final CollectiveParameters[][] measured;
    private final double upBytesPerSecond;
    private final double outBytesPerSecond;
    private final double upLatencySeconds;
    private final double outLatencySeconds;

    /**
     * Builds the model of a cluster.
     *
     * @param cluster the topology
     * @param efficiency the bus fractions and default latencies
     */
    public CollectiveModel(ClusterSpec cluster, EfficiencyModel efficiency) {
        this(cluster.scaleUp(), cluster.scaleOut().orElse(null), efficiency);
    }

    /**
     * Builds the model from the two links.
     *
     * @param scaleUp the link inside a scale-up domain
     * @param scaleOut the network between domains, or null when there is none
     * @param efficiency the bus fractions and default latencies
     */
    public CollectiveModel(Interconnect scaleUp, Interconnect scaleOut, EfficiencyModel efficiency) {
        Checks.notNull("scaleUp", scaleUp);
        Checks.notNull("efficiency", efficiency);
        this.measured = new CollectiveParameters[CollectiveKind.values().length][CollectiveParameters.Scope.values().length];
        for (CollectiveParameters p : efficiency.measuredCollectives()) {
            measured[p.kind().ordinal()][p.scope().ordinal()] = p;
        }
        this.upBytesPerSecond = scaleUp.perDirectionBytesPerSecond() * efficiency.scaleUpBusFraction();
        this.upLatencySeconds = scaleUp.latencySeconds().orElse(efficiency.scaleUpLatencySeconds());
        if (scaleOut != null) {
            this.outBytesPerSecond = scaleOut.perDirectionBytesPerSecond() * efficiency.scaleOutBusFraction();
            this.outLatencySeconds = scaleOut.latencySeconds().orElse(efficiency.scaleOutLatencySeconds());
        } else {
            this.outBytesPerSecond = 0;
            this.outLatencySeconds = 0;
        }
    }

    /** How an all-reduce moves its data; the other collectives run as rings. */
    public enum Algorithm {
        /** A ring over the ranks (per level when hierarchical): bandwidth-optimal, latency linear in the ranks. */
        RING,
        /**
         * NCCL's double binary tree: across domains, latency logarithmic in the domains, at 0.9 of the
         * ring's bus bandwidth; inside a domain a chain (NCCL's intra-node tree), so no faster than the ring there.
         */
        TREE
    }

    /**
     * Returns the time of a collective, an all-reduce taking the faster of ring and tree as NCCL's
     * tuner does.
     *
     * @param c the communication
     * @return seconds, &ge; 0; 0 for a group of one rank or an empty buffer
     * @throws IllegalArgumentException if the group crosses domains and the cluster has no network
     */
    public double seconds(Communication c) {
        return seconds(c.kind(), c.bytes(), c.groupSize(), c.ranksPerDomain());
    }

    /**
     * As {@link #seconds(Communication)}, from the communication's parts, without allocating (the
     * plan search's hot path). The parts are not validated: {@code ranksPerDomain} must divide
     * {@code groupSize}.
     *
     * @param kind the collective
     * @param bytes the buffer per rank, &ge; 0
     * @param groupSize the ranks, &ge; 1
     * @param ranksPerDomain the ranks of the group in one scale-up domain
     * @return seconds, &ge; 0
     * @throws IllegalArgumentException if the group crosses domains and the cluster has no network
     */
    public double seconds(CollectiveKind kind, double bytes, int groupSize, int ranksPerDomain) {
        if (kind != CollectiveKind.ALL_REDUCE) {
            return seconds(kind, bytes, groupSize, ranksPerDomain, false);
        }
        return Math.min(seconds(kind, bytes, groupSize, ranksPerDomain, false),
                seconds(kind, bytes, groupSize, ranksPerDomain, true));
    }

    /**
     * Returns the time of a collective with a given all-reduce algorithm (the other collectives
     * always run as rings).
     *
     * @param c the communication
     * @param algorithm ring or tree
     * @return seconds, &ge; 0; 0 for a group of one rank or an empty buffer
     * @throws IllegalArgumentException if the group crosses domains and the cluster has no network
     */
    public double seconds(Communication c, Algorithm algorithm) {
        Checks.notNull("algorithm", algorithm);
        return seconds(c.kind(), c.bytes(), c.groupSize(), c.ranksPerDomain(), algorithm == Algorithm.TREE);
    }

    private double seconds(CollectiveKind kind, double s, int n, int d, boolean treeAlgorithm) {
        if (n == 1 || s == 0) {
            return 0;
        }
        CollectiveParameters p = measured[kind.ordinal()][(d < n ? CollectiveParameters.Scope.INTER
                : CollectiveParameters.Scope.INTRA).ordinal()];
        if (p != null) {
            return p.seconds(n, s);
        }
        int m = n / d;
        if (m > 1 && outBytesPerSecond == 0) {
            throw new IllegalArgumentException("a " + kind + " across " + m
                    + " scale-up domains needs a scale-out network, and the cluster has none");
        }
        boolean tree = treeAlgorithm && kind == CollectiveKind.ALL_REDUCE;
        if (m == 1) {
            // inside a domain NCCL's tree is a chain: the ring's time, at the tree's lower bandwidth
            return flat(kind, s, n, tree ? TREE_BANDWIDTH * upBytesPerSecond : upBytesPerSecond) + upLatency(n, kind);
        }
        if (d == 1) {
            return flat(kind, s, n, tree ? TREE_BANDWIDTH * outBytesPerSecond : outBytesPerSecond)
                    + outLatency(n, kind, tree);
        }
        return switch (kind) {
            case ALL_REDUCE -> ring(s, d, 1, upBytesPerSecond) * 2
                    + ring(s / d, m, 2, tree ? TREE_BANDWIDTH * outBytesPerSecond : outBytesPerSecond)
                    + 2 * upLatency(d, CollectiveKind.REDUCE_SCATTER) + outLatency(m, CollectiveKind.ALL_REDUCE, tree);
            case ALL_GATHER, REDUCE_SCATTER -> ring(s, d, 1, upBytesPerSecond) + ring(s / d, m, 1, outBytesPerSecond)
                    + upLatency(d, kind) + outLatency(m, kind, false);
            case ALL_TO_ALL -> Math.max(s * (d - 1) / n / upBytesPerSecond, s * (n - d) / n / outBytesPerSecond)
                    + Math.max(upLatencySeconds, outLatencySeconds);
            case BROADCAST -> s / outBytesPerSecond + s / upBytesPerSecond + upLatencySeconds + outLatencySeconds;
            case SEND_RECV -> s / outBytesPerSecond + outLatencySeconds;
        };
    }

    /**
     * The fixed cost of a collective inside a domain of k ranks: the measured latency, taken at
     * {@value #REFERENCE_DOMAIN_RANKS} ranks, moved by NCCL's ring hop latency for each hop more or
     * fewer (2(k &minus; 1) hops for an all-reduce, k &minus; 1 for the others).
     */
    private double upLatency(int k, CollectiveKind kind) {
        if (kind == CollectiveKind.BROADCAST || kind == CollectiveKind.SEND_RECV || kind == CollectiveKind.ALL_TO_ALL) {
            return upLatencySeconds;
        }
        int passes = kind == CollectiveKind.ALL_REDUCE ? 2 : 1;
        return Math.max(0, upLatencySeconds + passes * (k - REFERENCE_DOMAIN_RANKS) * RING_HOP_UP_SECONDS);
    }

    /**
     * The fixed cost across m domains: the measured latency, taken at 2 domains, plus NCCL's hop
     * latency for each hop beyond: a ring has 2(m &minus; 1) hops for an all-reduce (m &minus; 1 for
     * the others), a tree 2&lceil;log<sub>2</sub> m&rceil;.
     */
    private double outLatency(int m, CollectiveKind kind, boolean tree) {
        if (kind == CollectiveKind.BROADCAST || kind == CollectiveKind.SEND_RECV || kind == CollectiveKind.ALL_TO_ALL) {
            return outLatencySeconds;
        }
        int passes = kind == CollectiveKind.ALL_REDUCE ? 2 : 1;
        if (tree) {
            int log = 32 - Integer.numberOfLeadingZeros(m - 1);
            return outLatencySeconds + passes * (log - 1) * TREE_HOP_OUT_SECONDS;
        }
        return outLatencySeconds + passes * (m - 2) * RING_HOP_OUT_SECONDS;
    }

    private static double flat(CollectiveKind kind, double s, int n, double bytesPerSecond) {
        return busBytes(kind, n, s) / bytesPerSecond;
    }

    /**
     * Returns the bytes a ring collective moves per rank over the bus: all-reduce 2(n&minus;1)/n&middot;S;
     * reduce-scatter, all-gather and all-to-all (n&minus;1)/n&middot;S; broadcast and send/recv S (NCCL's
     * {@code PERFORMANCE.md}, the factors nccl-tests turns "algbw" into "busbw" with).
     *
     * @param kind the collective
     * @param groupSize ranks n, &ge; 1
     * @param bytes the buffer size S as {@link Communication#bytes()} defines it, bytes
     * @return bus bytes per rank
     */
    public static double busBytes(CollectiveKind kind, int groupSize, double bytes) {
        int n = groupSize;
        return switch (kind) {
            case ALL_REDUCE -> 2.0 * (n - 1) / n * bytes;
            case REDUCE_SCATTER, ALL_GATHER, ALL_TO_ALL -> (double) (n - 1) / n * bytes;
            case BROADCAST, SEND_RECV -> bytes;
        };
    }

    /** The bandwidth term of a ring collective with {@code factor} passes of (n-1)/n of the buffer. */
    private static double ring(double s, int n, int factor, double bytesPerSecond) {
        return factor * (double) (n - 1) / n * s / bytesPerSecond;
    }

    /**
     * Returns the bus bandwidth inside a scale-up domain.
     *
     * @return bytes per second
     */
    public double scaleUpBusBytesPerSecond() {
        return upBytesPerSecond;
    }

    /**
     * Returns the bus bandwidth of the network per device.
     *
     * @return bytes per second, 0 without a network
     */
    public double scaleOutBusBytesPerSecond() {
        return outBytesPerSecond;
    }
}
