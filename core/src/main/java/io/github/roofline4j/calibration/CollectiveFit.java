package io.github.roofline4j.calibration;

import java.util.Locale;

import io.github.roofline4j.roofline.CollectiveParameters;
import io.github.roofline4j.support.Checks;

/**
 * The alpha-beta parameters of one collective at one scope, fitted or set by hand: time =
 * {@code latencySeconds} + bus bytes / {@code busBandwidthBytesPerSecond}, bus bytes as
 * {@link io.github.roofline4j.roofline.CollectiveModel#busBytes} counts them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind the collective's file name: {@code allreduce}, {@code allgather}, {@code reducescatter},
 *        {@code alltoall} or {@code sendrecv}
 * @param scope {@code intra} (inside one node) or {@code inter} (across nodes)
 * @param latencySeconds the fixed cost &alpha;, seconds, &ge; 0
 * @param busBandwidthBytesPerSecond the bus bandwidth, bytes per second, &gt; 0
 * @param fit the quality of the fit, or null for parameters set by hand
 */
public record CollectiveFit(String kind, String scope, double latencySeconds, double busBandwidthBytesPerSecond,
        FitQuality fit) {

    /**
     * Validates the components and normalizes the names to lower case.
     *
     * @throws IllegalArgumentException naming the field if a value is unknown or out of range
     */
    public CollectiveFit {
        Checks.notNull("kind", kind);
        MeasurementKind k = MeasurementKind.parse(kind);
        if (!k.isCollective()) {
            throw new IllegalArgumentException("kind must be a collective (allreduce, allgather, reducescatter, "
                    + "alltoall, sendrecv), was '" + kind + "'");
        }
        kind = k.fileName();
        Checks.notNull("scope", scope);
        scope = Measurements.scope(scope).name().toLowerCase(Locale.ROOT);
        Checks.nonNegative("latencySeconds", latencySeconds);
        Checks.positive("busBandwidthBytesPerSecond", busBandwidthBytesPerSecond);
    }

    /**
     * Returns the parameters the collective model prices with.
     *
     * @return the parameters
     */
    public CollectiveParameters parameters() {
        return new CollectiveParameters(MeasurementKind.parse(kind).collective(), Measurements.scope(scope),
                latencySeconds, busBandwidthBytesPerSecond);
    }
}
