package io.github.roofline4j.hardware;

import java.util.OptionalDouble;

import io.github.roofline4j.support.Checks;
import io.github.roofline4j.units.UnitFormat;

/**
 * A link or network as one device sees it: its name, its bandwidth per direction and, where
 * known, the latency of a small message.
 *
 * <p>Vendors quote NVLink, Infinity Fabric, ICI and NeuronLink as the sum of both directions;
 * this record always holds the per-direction figure (NVLink 4: 900 GB/s quoted, 450 GB/s per
 * direction). Network adapters are quoted per direction already (400 Gb/s NDR = 50 GB/s).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name what the link is, such as {@code "NVLink 4 (18 links)"}
 * @param perDirectionBytesPerSecond bandwidth per device in one direction, bytes per second, &gt; 0
 * @param latencySeconds one-way latency of a small message in seconds, &ge; 0, if known ({@code -0.0} is stored as {@code 0.0})
 */
public record Interconnect(String name, double perDirectionBytesPerSecond, OptionalDouble latencySeconds) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if the name is blank, the bandwidth not positive and
     *         finite, or the latency negative or non-finite
     */
    public Interconnect {
        Checks.notBlank("name", name);
        Checks.positive("perDirectionBytesPerSecond", perDirectionBytesPerSecond);
        Checks.notNull("latencySeconds", latencySeconds);
        if (latencySeconds.isPresent()) {
            // Checks.nonNegative returns -0.0 as +0.0: equal links compare equal (OptionalDouble tells the zeros apart)
            latencySeconds = OptionalDouble.of(Checks.nonNegative("latencySeconds", latencySeconds.getAsDouble()));
        }
    }

    /**
     * Creates a link with unknown latency.
     *
     * @param name what the link is
     * @param perDirectionBytesPerSecond bandwidth per direction, bytes per second, &gt; 0
     * @return the link
     */
    public static Interconnect of(String name, double perDirectionBytesPerSecond) {
        return new Interconnect(name, perDirectionBytesPerSecond, OptionalDouble.empty());
    }

    /**
     * Returns a copy with the given latency.
     *
     * @param seconds the one-way latency of a small message, seconds, &ge; 0
     * @return the copy
     */
    public Interconnect withLatencySeconds(double seconds) {
        return new Interconnect(name, perDirectionBytesPerSecond, OptionalDouble.of(seconds));
    }

    /**
     * Returns a copy with the given bandwidth.
     *
     * @param bytesPerSecond bandwidth per direction, bytes per second, &gt; 0
     * @return the copy
     */
    public Interconnect withPerDirectionBytesPerSecond(double bytesPerSecond) {
        return new Interconnect(name, bytesPerSecond, latencySeconds);
    }

    @Override
    public String toString() {
        return name + ": " + UnitFormat.bytesPerSecond(perDirectionBytesPerSecond) + " per direction"
                + (latencySeconds.isPresent() ? ", " + UnitFormat.seconds(latencySeconds.getAsDouble()) + " latency" : "");
    }
}
