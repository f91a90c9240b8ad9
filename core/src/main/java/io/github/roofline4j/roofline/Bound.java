package io.github.roofline4j.roofline;

/**
 * What limits an operation's time.
 */
public enum Bound {
    /** The arithmetic units: more FLOP/s would make it faster. */
    COMPUTE,
    /** Device memory traffic: more bandwidth would make it faster. */
    MEMORY,
    /** Communication between devices: a faster link or network would make it faster. */
    COMMUNICATION;

    /**
     * Returns the lower-case name used in JSON and tables.
     *
     * @return {@code compute}, {@code memory} or {@code communication}
     */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
