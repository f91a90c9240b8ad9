package io.github.roofline4j.support;

import java.util.Locale;

/**
 * Argument checks shared by every validating constructor of the library.
 *
 * <p>Each check throws {@link IllegalArgumentException} with a message that names the field,
 * the rule and the rejected value, formatted with {@link Locale#ROOT}, for example
 * {@code memoryBandwidthBytesPerSecond must be > 0 and finite, was -1.0}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Requires a finite value strictly greater than zero.
     *
     * @param field the name of the checked field, used in the message
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if the value is zero, negative, NaN or infinite
     */
    public static double positive(String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw fail(field, "must be > 0 and finite", value);
        }
        return value;
    }

    /**
     * Requires a finite value greater than or equal to zero.
     *
     * <p>Negative zero passes ({@code -0.0 >= 0}) and is returned as {@code +0.0}, so that a record
     * storing the result compares equal to one built from {@code 0.0} (records compare doubles
     * with {@link Double#compare}, which tells the two zeros apart) and prints as {@code 0}.
     *
     * @param field the name of the checked field, used in the message
     * @param value the value
     * @return {@code value}, with {@code -0.0} turned into {@code +0.0}
     * @throws IllegalArgumentException if the value is negative, NaN or infinite
     */
    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw fail(field, "must be >= 0 and finite", value);
        }
        return value + 0.0;
    }

    /**
     * Requires a finite value greater than or equal to a minimum.
     *
     * @param field the name of the checked field, used in the message
     * @param value the value
     * @param min the smallest allowed value, finite
     * @return {@code value}
     * @throws IllegalArgumentException if the value is below the minimum, NaN or infinite
     */
    public static double atLeast(String field, double value, double min) {
        if (!(value >= min) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be >= %s and finite, was %s",
                    field, plain(min), value));
        }
        return value;
    }

    /**
     * Requires a value strictly greater than zero.
     *
     * @param field the name of the checked field, used in the message
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if the value is zero or negative
     */
    public static long positive(String field, long value) {
        if (value <= 0) {
            throw fail(field, "must be > 0", value);
        }
        return value;
    }

    /**
     * Requires a value strictly greater than zero.
     *
     * @param field the name of the checked field, used in the message
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if the value is zero or negative
     */
    public static int positive(String field, int value) {
        if (value <= 0) {
            throw fail(field, "must be > 0", value);
        }
        return value;
    }

    /**
     * Requires a value greater than or equal to zero.
     *
     * @param field the name of the checked field, used in the message
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if the value is negative
     */
    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw fail(field, "must be >= 0", value);
        }
        return value;
    }

    /**
     * Requires a value greater than or equal to zero.
     *
     * @param field the name of the checked field, used in the message
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if the value is negative
     */
    public static int nonNegative(String field, int value) {
        if (value < 0) {
            throw fail(field, "must be >= 0", value);
        }
        return value;
    }

    /**
     * Requires a finite value in the closed range {@code [min, max]}.
     *
     * @param field the name of the checked field, used in the message
     * @param value the value
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return {@code value}
     * @throws IllegalArgumentException if the value is outside the range, NaN or infinite
     */
    public static double inRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s must be in [%s, %s], was %s", field, plain(min), plain(max), plain(value)));
        }
        return value;
    }

    /**
     * Requires an integer in the closed range {@code [min, max]}.
     *
     * @param field the name of the checked field, used in the message
     * @param value the value
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return {@code value}
     * @throws IllegalArgumentException if the value is outside the range
     */
    public static int inRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s must be in [%d, %d], was %d", field, min, max, value));
        }
        return value;
    }

    /**
     * Requires a non-null, non-blank string.
     *
     * @param field the name of the checked field, used in the message
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if the value is null or blank
     */
    public static String notBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, was "
                    + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    /**
     * Requires a non-null reference.
     *
     * @param <T> the type of the value
     * @param field the name of the checked field, used in the message
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if the value is null
     */
    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    /**
     * Writes a number without a trailing {@code .0} when it is integral, for messages.
     *
     * @param value the value
     * @return the plain text of the value
     */
    public static String plain(double value) {
        if (Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static IllegalArgumentException fail(String field, String rule, Object value) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "%s %s, was %s", field, rule, value));
    }
}
