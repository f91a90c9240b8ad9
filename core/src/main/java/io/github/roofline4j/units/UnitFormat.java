package io.github.roofline4j.units;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The one formatter of human-readable quantities; every {@code toString()} and table of the
 * library goes through it.
 *
 * <p>Values are printed with four significant digits and no trailing zeros, in the largest unit
 * that keeps the <em>rounded</em> number at least 1: {@code 8.0E10} bytes is {@code "80 GB"},
 * {@code 9.894E14} FLOP/s is {@code "989.4 TFLOP/s"}, {@code 999.96E3} bytes is {@code "1 MB"}
 * (not {@code "1000 kB"}) and 59.99999 seconds is {@code "1 min"} (not {@code "60 s"}). Decimal
 * prefixes (kB, MB, GB, TB, PB, EB; FLOP with k, M, G, T, P, E) and binary prefixes (KiB, MiB,
 * GiB, TiB, PiB, EiB) have separate methods and are never mixed. Durations go from ns through
 * µs, ms, s to min, h and d.
 *
 * <p>Values out of the range of the units are printed in scientific notation in the base unit:
 * below 0.001 of the smallest unit ({@code "1e-300 B"}, {@code "2e-13 s"}), at or above 10<sup>6</sup>
 * of the largest ({@code "1e30 B"}), and FLOP counts and rates from 10<sup>21</sup> on
 * ({@code "3.14e23 FLOP"}). Infinities and NaN print as {@code "Infinity"}, {@code "-Infinity"}
 * and {@code "NaN"} followed by the base unit; no method throws for any {@code double}.
 *
 * <p>Numbers use {@link Locale#ROOT}. Stateless and thread-safe.
 */
public final class UnitFormat {

    private static final String[] DECIMAL_BYTES = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    private static final String[] BINARY_BYTES = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final String[] SI_PREFIXES = {"", "k", "M", "G", "T", "P", "E"};
    private static final String[] COUNT_SUFFIXES = {"", "k", "M", "B", "T"};
    private static final String[] DURATION_UNITS = {"ns", "\u00b5s", "ms", "s", "min", "h", "d"};
    private static final double[] DURATION_SECONDS = {Units.NANOSECOND, Units.MICROSECOND, Units.MILLISECOND, 1,
        Units.MINUTE, Units.HOUR, Units.DAY};
    private static final int SIGNIFICANT_DIGITS = 4;
    /** Rounded mantissas below this, in the smallest unit, are printed in scientific notation. */
    private static final double SMALLEST_MANTISSA = 1e-3;
    /** Rounded mantissas from this on, in the largest unit, are printed in scientific notation. */
    private static final double LARGEST_MANTISSA = 1e6;
    /** FLOP counts and rates from this on are printed in scientific notation. */
    private static final double SCIENTIFIC_FLOPS = 1e21;

    private UnitFormat() {
    }

    /**
     * Formats bytes with decimal prefixes.
     *
     * @param bytes a byte count
     * @return for example {@code "80 GB"}
     */
    public static String bytes(double bytes) {
        return scaled(bytes, 1000, DECIMAL_BYTES, "");
    }

    /**
     * Formats bytes with binary prefixes.
     *
     * @param bytes a byte count
     * @return for example {@code "74.51 GiB"}
     */
    public static String binaryBytes(double bytes) {
        return scaled(bytes, 1024, BINARY_BYTES, "");
    }

    /**
     * Formats a bandwidth in bytes per second with decimal prefixes.
     *
     * @param bytesPerSecond a rate in bytes per second
     * @return for example {@code "3.35 TB/s"}
     */
    public static String bytesPerSecond(double bytesPerSecond) {
        return scaled(bytesPerSecond, 1000, DECIMAL_BYTES, "/s");
    }

    /**
     * Formats a rate given in bytes per second as bits per second, as network links are quoted.
     *
     * @param bytesPerSecond a rate in bytes per second
     * @return for example {@code "400 Gb/s"} for {@code 5.0E10}
     */
    public static String bitsPerSecond(double bytesPerSecond) {
        return scaled(bytesPerSecond * Units.BITS_PER_BYTE, 1000, SI_PREFIXES, "b/s");
    }

    /**
     * Formats an operation count; from 10<sup>21</sup> (after rounding) it switches to scientific notation.
     *
     * @param flops a count of floating-point operations
     * @return for example {@code "1.2 PFLOP"} or {@code "3.14e23 FLOP"}
     */
    public static String flops(double flops) {
        if (Double.isFinite(flops) && roundedMantissa(Math.abs(flops)) >= SCIENTIFIC_FLOPS) {
            return scientific(flops) + " FLOP";
        }
        return scaled(flops, 1000, SI_PREFIXES, "FLOP");
    }

    /**
     * Formats an operation rate; from 10<sup>21</sup> (after rounding) it switches to scientific notation.
     *
     * @param flopsPerSecond a rate in FLOP per second
     * @return for example {@code "989.4 TFLOP/s"}
     */
    public static String flopsPerSecond(double flopsPerSecond) {
        if (Double.isFinite(flopsPerSecond) && roundedMantissa(Math.abs(flopsPerSecond)) >= SCIENTIFIC_FLOPS) {
            return scientific(flopsPerSecond) + " FLOP/s";
        }
        return scaled(flopsPerSecond, 1000, SI_PREFIXES, "FLOP/s");
    }

    /**
     * Formats a duration from nanoseconds to days, in the largest unit in which the rounded value
     * is at least 1 (999.9999 ns is {@code "1 µs"}, 86,399.99 s is {@code "1 d"}).
     *
     * @param seconds a duration in seconds
     * @return for example {@code "12.5 ms"}, {@code "3.2 h"} or {@code "34 d"}
     */
    public static String seconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            return nonFinite(seconds) + " s";
        }
        if (seconds == 0) {
            return "0 s";
        }
        double a = Math.abs(seconds);
        int i = 0;
        while (i < DURATION_SECONDS.length - 1 && roundedMantissa(a / DURATION_SECONDS[i + 1]) >= 1) {
            i++;
        }
        double mantissa = roundedMantissa(a / DURATION_SECONDS[i]);
        if (mantissa < SMALLEST_MANTISSA || mantissa >= LARGEST_MANTISSA) {
            return scientific(seconds) + " s";
        }
        return number(seconds / DURATION_SECONDS[i]) + " " + DURATION_UNITS[i];
    }

    /**
     * Formats a count, such as parameters or tokens, with k, M, B (billion) and T (trillion), as
     * model sizes are quoted.
     *
     * @param count the count
     * @return for example {@code "6.738B"}
     */
    public static String count(double count) {
        return scaled(count, 1000, COUNT_SUFFIXES, "").replace(" ", "");
    }

    /**
     * Formats a fraction as a percentage with one decimal; a value that rounds to zero prints as
     * {@code "0.0%"}, never {@code "-0.0%"}.
     *
     * @param fraction a fraction, 1.0 is 100 %
     * @return for example {@code "46.2%"}
     */
    public static String percent(double fraction) {
        String s = String.format(Locale.ROOT, "%.1f%%", fraction * 100);
        return s.equals("-0.0%") ? "0.0%" : s;
    }

    /**
     * Formats a power.
     *
     * @param watts power in watts
     * @return for example {@code "700 W"} or {@code "14.3 kW"}
     */
    public static String watts(double watts) {
        return scaled(watts, 1000, SI_PREFIXES, "W");
    }

    /**
     * Formats a frequency.
     *
     * @param hertz frequency in hertz
     * @return for example {@code "1.83 GHz"}
     */
    public static String hertz(double hertz) {
        return scaled(hertz, 1000, SI_PREFIXES, "Hz");
    }

    /**
     * Formats a plain number with four significant digits and no trailing zeros.
     *
     * @param value the value
     * @return for example {@code "3.35"} or {@code "1979"}; {@code "Infinity"} or {@code "NaN"} for those
     */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return nonFinite(value);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN));
        BigDecimal stripped = rounded.stripTrailingZeros();
        if (stripped.scale() < 0) {
            stripped = stripped.setScale(0, RoundingMode.UNNECESSARY);
        }
        return stripped.toPlainString();
    }

    private static String scaled(double value, double base, String[] units, String suffix) {
        if (!Double.isFinite(value)) {
            return nonFinite(value) + " " + units[0] + suffix;
        }
        if (value == 0) {
            return "0 " + units[0] + suffix;
        }
        double mantissa = value;
        int i = 0;
        // move up while the rounded mantissa reaches the base (999.96 kB prints "1 MB", not "1000 kB")
        while (i < units.length - 1 && roundedMantissa(Math.abs(mantissa)) >= base) {
            mantissa /= base;
            i++;
        }
        double rounded = roundedMantissa(Math.abs(mantissa));
        if (rounded < SMALLEST_MANTISSA || rounded >= LARGEST_MANTISSA) {
            return scientific(value) + " " + units[0] + suffix;
        }
        return number(mantissa) + " " + units[i] + suffix;
    }

    private static double roundedMantissa(double a) {
        return new BigDecimal(a).round(new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN)).doubleValue();
    }

    private static String nonFinite(double value) {
        return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    }

    /** Four significant digits in scientific notation without trailing zeros: {@code "3.14e23"}. */
    private static String scientific(double value) {
        String s = String.format(Locale.ROOT, "%.3e", value);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        int exponent = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exponent;
    }
}
