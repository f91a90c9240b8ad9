package io.github.roofline4j.roofline;

import io.github.roofline4j.support.Checks;
import io.github.roofline4j.workload.CollectiveKind;

/**
 * Measured alpha-beta parameters of one collective at one level of the topology, replacing the
 * {@link CollectiveModel}'s link-derived figures for that collective: time = {@code latencySeconds}
 * + bus bytes / {@code busBandwidthBytesPerSecond}, bus bytes as {@link CollectiveModel#busBytes}
 * counts them over the whole group (the convention of nccl-tests' "busbw", NVIDIA/nccl-tests
 * {@code doc/PERFORMANCE.md}). {@link Scope#INTRA} applies to groups inside one scale-up domain,
 * {@link Scope#INTER} to groups that span domains, whatever their layout.
 *
 * <p>Usually fitted from the user's measurements by the calibration package. Immutable and
 * thread-safe.
 *
 * @param kind the collective
 * @param scope the level it was measured at
 * @param latencySeconds the fixed cost &alpha;, seconds, &ge; 0
 * @param busBandwidthBytesPerSecond the bus bandwidth 1/&beta;, bytes per second, &gt; 0
 */
public record CollectiveParameters(CollectiveKind kind, Scope scope, double latencySeconds,
        double busBandwidthBytesPerSecond) {

    /** Where a group of ranks sits on the topology. */
    public enum Scope {
        /** Inside one scale-up domain (a node's NVLink, a TPU slice's ICI). */
        INTRA,
        /** Across scale-up domains, over the scale-out network. */
        INTER
    }

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException naming the field if a value is missing, negative or not finite
     */
    public CollectiveParameters {
        Checks.notNull("kind", kind);
        Checks.notNull("scope", scope);
        Checks.nonNegative("latencySeconds", latencySeconds);
        Checks.positive("busBandwidthBytesPerSecond", busBandwidthBytesPerSecond);
    }

    /**
     * Returns the time of one collective with these parameters.
     *
     * @param groupSize ranks, &ge; 1
     * @param bytes the buffer size as {@link io.github.roofline4j.workload.Communication#bytes()} defines it, bytes
     * @return seconds: &alpha; + bus bytes / bus bandwidth
     */
    public double seconds(int groupSize, double bytes) {
        return latencySeconds + CollectiveModel.busBytes(kind, groupSize, bytes) / busBandwidthBytesPerSecond;
    }
}
