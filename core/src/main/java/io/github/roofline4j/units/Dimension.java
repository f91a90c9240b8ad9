package io.github.roofline4j.units;

import java.util.List;
import java.util.Map;

/**
 * A physical dimension of the quantities the library reads and prints, with the unit symbols
 * accepted for it by {@link Quantity#parse(String, Dimension)}.
 *
 * <p>Symbols are case-sensitive where case carries meaning: {@code Gb/s} is gigabits per second
 * and {@code GB/s} gigabytes per second.
 */
public enum Dimension {
    /** Bytes: B, kB, MB, GB, TB, PB (decimal) and KiB, MiB, GiB, TiB, PiB (binary). */
    BYTES("bytes", Map.ofEntries(
            Map.entry("B", 1.0), Map.entry("kB", 1e3), Map.entry("KB", 1e3), Map.entry("MB", 1e6),
            Map.entry("GB", 1e9), Map.entry("TB", 1e12), Map.entry("PB", 1e15),
            Map.entry("KiB", (double) Units.KIB), Map.entry("MiB", (double) Units.MIB),
            Map.entry("GiB", (double) Units.GIB), Map.entry("TiB", (double) Units.TIB),
            Map.entry("PiB", (double) Units.PIB))),
    /** Bytes per second, also written in bits per second (b/s), which is divided by 8. */
    BYTES_PER_SECOND("bytes per second", Map.ofEntries(
            Map.entry("B/s", 1.0), Map.entry("kB/s", 1e3), Map.entry("MB/s", 1e6),
            Map.entry("GB/s", 1e9), Map.entry("TB/s", 1e12),
            Map.entry("KiB/s", (double) Units.KIB), Map.entry("MiB/s", (double) Units.MIB),
            Map.entry("GiB/s", (double) Units.GIB), Map.entry("TiB/s", (double) Units.TIB),
            Map.entry("b/s", 1.0 / 8), Map.entry("kb/s", 1e3 / 8), Map.entry("Mb/s", 1e6 / 8),
            Map.entry("Gb/s", 1e9 / 8), Map.entry("Tb/s", 1e12 / 8))),
    /** Floating-point (or integer) operations, a count. */
    FLOPS("FLOP", Map.ofEntries(
            Map.entry("FLOP", 1.0), Map.entry("kFLOP", 1e3), Map.entry("MFLOP", 1e6),
            Map.entry("GFLOP", 1e9), Map.entry("TFLOP", 1e12), Map.entry("PFLOP", 1e15),
            Map.entry("EFLOP", 1e18))),
    /** Operations per second; OPS and TOPS are accepted for integer rates. */
    FLOPS_PER_SECOND("FLOP per second", Map.ofEntries(
            Map.entry("FLOP/s", 1.0), Map.entry("kFLOP/s", 1e3), Map.entry("MFLOP/s", 1e6),
            Map.entry("GFLOP/s", 1e9), Map.entry("TFLOP/s", 1e12), Map.entry("PFLOP/s", 1e15),
            Map.entry("EFLOP/s", 1e18), Map.entry("TFLOPS", 1e12), Map.entry("PFLOPS", 1e15),
            Map.entry("GFLOPS", 1e9), Map.entry("OPS", 1.0), Map.entry("GOPS", 1e9),
            Map.entry("TOPS", 1e12), Map.entry("POPS", 1e15))),
    /** Seconds: ns, us (or µs), ms, s, min, h, d. */
    SECONDS("seconds", Map.ofEntries(
            Map.entry("ns", Units.NANOSECOND), Map.entry("us", Units.MICROSECOND),
            Map.entry("\u00b5s", Units.MICROSECOND), Map.entry("ms", Units.MILLISECOND),
            Map.entry("s", 1.0), Map.entry("min", Units.MINUTE), Map.entry("h", Units.HOUR),
            Map.entry("d", Units.DAY))),
    /** Watts: W, kW. */
    WATTS("watts", Map.of("W", 1.0, "kW", 1e3)),
    /** Hertz: Hz, kHz, MHz, GHz. */
    HERTZ("hertz", Map.of("Hz", 1.0, "kHz", 1e3, "MHz", 1e6, "GHz", 1e9));

    private final String description;
    private final Map<String, Double> factors;

    Dimension(String description, Map<String, Double> factors) {
        this.description = description;
        this.factors = factors;
    }

    /**
     * Returns the words used for this dimension in messages, such as "bytes per second".
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * Returns the factor that turns one of the given unit into base units, or {@code null} if
     * the symbol is not a unit of this dimension.
     *
     * @param symbol the unit symbol, case-sensitive
     * @return the factor, or {@code null}
     */
    Double factor(String symbol) {
        return factors.get(symbol);
    }

    /**
     * Returns the accepted unit symbols, sorted, for messages.
     *
     * @return the unit symbols
     */
    public List<String> symbols() {
        return factors.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
    }
}
