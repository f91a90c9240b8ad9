package io.github.roofline4j.roofline;

import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.Interconnect;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.workload.Communication;

/**
 * An alpha-beta model of collectives on a two-level topology: time = &alpha; + bus bytes / bus
 * bandwidth (Hockney 1994; the model nccl-tests' "busbw" assumes).
 *
 * <p>Bus bytes per rank for a buffer of S bytes over n ranks, with ring algorithms (NCCL's
 * {@code PERFORMANCE.md}): all-reduce 2(n&minus;1)/n&middot;S; reduce-scatter, all-gather and
 * all-to-all (n&minus;1)/n&middot;S; broadcast S; send/recv S. The bus bandwidth is the link's
 * per-direction bandwidth times the achieved bus fraction of the {@link EfficiencyModel}; &alpha;
 * is one fixed cost per collective and level (NCCL switches to tree and low-latency protocols for
 * small messages, so the fixed cost does not grow with the ring length), the link's own
 * {@code latencySeconds} when the catalog gives one, else the model's.
 *
 * <p>A group inside one scale-up domain uses the scale-up link. A group of d ranks per domain over
 * m domains runs hierarchically (as NCCL's NVLS-tree and MSCCL two-level algorithms do): an
 * all-reduce is a reduce-scatter inside each domain, an all-reduce of S/d across domains (each of
 * the d ranks on its own network adapter) and an all-gather inside; an all-gather or
 * reduce-scatter the same without the other half; an all-to-all sends (d&minus;1)/n of its buffer
 * over the scale-up link and (n&minus;d)/n over the network at once; a broadcast crosses the
 * network, then the domain. Groups with one rank per domain use the network alone.
 *
 * <p>Immutable and thread-safe.
 */
public final class CollectiveModel {

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

    /**
     * Returns the time of a collective.
     *
     * @param c the communication
     * @return seconds, &ge; 0; 0 for a group of one rank or an empty buffer
     * @throws IllegalArgumentException if the group crosses domains and the cluster has no network
     */
    public double seconds(Communication c) {
        int n = c.groupSize();
        if (n == 1 || c.bytes() == 0) {
            return 0;
        }
        int d = c.ranksPerDomain();
        int m = n / d;
        if (m > 1 && outBytesPerSecond == 0) {
            throw new IllegalArgumentException("a " + c.kind() + " across " + m
                    + " scale-up domains needs a scale-out network, and the cluster has none");
        }
        double s = c.bytes();
        if (m == 1) {
            return flat(c, s, n, upBytesPerSecond, upLatencySeconds);
        }
        if (d == 1) {
            return flat(c, s, n, outBytesPerSecond, outLatencySeconds);
        }
        return switch (c.kind()) {
            case ALL_REDUCE -> ring(s, d, 1, upBytesPerSecond) * 2 + ring(s / d, m, 2, outBytesPerSecond)
                    + 2 * upLatencySeconds + outLatencySeconds;
            case ALL_GATHER, REDUCE_SCATTER -> ring(s, d, 1, upBytesPerSecond) + ring(s / d, m, 1, outBytesPerSecond)
                    + upLatencySeconds + outLatencySeconds;
            case ALL_TO_ALL -> Math.max(s * (d - 1) / n / upBytesPerSecond, s * (n - d) / n / outBytesPerSecond)
                    + Math.max(upLatencySeconds, outLatencySeconds);
            case BROADCAST -> s / outBytesPerSecond + s / upBytesPerSecond + upLatencySeconds + outLatencySeconds;
            case SEND_RECV -> s / outBytesPerSecond + outLatencySeconds;
        };
    }

    private static double flat(Communication c, double s, int n, double bytesPerSecond, double latency) {
        double bus = switch (c.kind()) {
            case ALL_REDUCE -> 2.0 * (n - 1) / n * s;
            case REDUCE_SCATTER, ALL_GATHER, ALL_TO_ALL -> (double) (n - 1) / n * s;
            case BROADCAST, SEND_RECV -> s;
        };
        return bus / bytesPerSecond + latency;
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
