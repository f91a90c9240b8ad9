package io.github.roofline4j.units;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads quantities written with a unit, such as {@code "80 GB"}, {@code "95 GiB"},
 * {@code "3.35 TB/s"}, {@code "400 Gb/s"} or {@code "989.4 TFLOP/s"}, into SI base units.
 *
 * <p>The grammar is a decimal number (optionally with an exponent), optional spaces, then an
 * optional unit symbol of the {@link Dimension}. A bare number is already in base units. The
 * result is always finite and never negative.
 *
 * <p>The number is scaled by the unit in decimal arithmetic ({@link BigDecimal}) and rounded to
 * a {@code double} once, so {@code "66.9 TFLOP/s"} is exactly {@code 6.69E13}, the value of the
 * literal {@code 66.9e12}; multiplying the doubles 66.9 and 1e12 would give 6.690000000000001E13.
 * The number and the unit's factor are each taken at their shortest decimal form (a number is
 * first read as a {@code double}, so this is the written digits for any number of up to 15
 * significant digits; a factor such as {@code 1e-6} or {@code 0.125} is the decimal it names).
 *
 * <pre>{@code
 * double bytes = Quantity.parse("95 GiB", Dimension.BYTES);                    // 1.02005473280E11
 * double rate = Quantity.parse("400 Gb/s", Dimension.BYTES_PER_SECOND);        // 5.0E10
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Quantity {

    private static final Pattern QUANTITY =
            Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\\.[0-9]+(?:[eE][+-]?[0-9]+)?)\\s*(\\S*)\\s*");

    private Quantity() {
    }

    /**
     * Parses a quantity into base units of the given dimension.
     *
     * @param text the text, such as {@code "80 GB"}
     * @param dimension the expected dimension
     * @return the value in base units (bytes, bytes per second, FLOP, FLOP/s, seconds, watts, hertz), finite and &ge; 0
     * @throws IllegalArgumentException if the text is not a non-negative number followed by an
     *         optional unit of the dimension, or if the value overflows
     */
    public static double parse(String text, Dimension dimension) {
        if (text == null) {
            throw new IllegalArgumentException("expected " + dimension.description() + ", was null");
        }
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            throw invalid(text, dimension);
        }
        double number = Double.parseDouble(m.group(1));
        String symbol = m.group(2);
        double factor = 1.0;
        if (!symbol.isEmpty()) {
            Double f = dimension.factor(symbol);
            if (f == null) {
                throw invalid(text, dimension);
            }
            factor = f;
        }
        double value = Double.isFinite(number)
                ? BigDecimal.valueOf(number).multiply(BigDecimal.valueOf(factor)).doubleValue()
                : number;
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "'%s' is too large for %s", text, dimension.description()));
        }
        return value;
    }

    private static IllegalArgumentException invalid(String text, Dimension dimension) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "cannot read '%s' as %s: expected a number >= 0 with an optional unit, one of %s",
                text, dimension.description(), String.join(", ", dimension.symbols())));
    }
}
