package io.github.roofline4j.search;

import java.util.Locale;

/**
 * What a training plan search ranks by.
 *
 * <p>On one device count the fastest step is also the best MFU and the cheapest per token
 * (MFU = model FLOPs / (step &times; devices &times; peak), and cost per token = step &times; devices
 * &times; price / tokens, with everything but the step fixed); the objectives differ when the search
 * spans several device counts.
 */
public enum Objective {
    /** The shortest step (the default). */
    TIME,
    /** The highest model FLOPs utilization: the smallest step &times; devices. */
    MFU,
    /** The cheapest per token at a fixed price per device-hour: also the smallest step &times; devices. */
    COST,
    /** The fewest devices whose plan meets a target step time; the fastest plan among those. */
    DEVICES;

    /**
     * Parses {@code time}, {@code mfu}, {@code cost} or {@code devices}, case-insensitive.
     *
     * @param text the name
     * @return the objective
     * @throws IllegalArgumentException naming the accepted names
     */
    public static Objective parse(String text) {
        for (Objective o : values()) {
            if (o.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("objective must be one of time, mfu, cost, devices, was '" + text + "'");
    }

    /**
     * Returns the lower-case name.
     *
     * @return the label
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
