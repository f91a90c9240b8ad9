package io.github.roofline4j.cli;

import java.util.Map;
import java.util.function.Function;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.json.TrainingPlanSpec;

/** Parsing of option values shared by the commands, with errors that name the flag. */
final class Options {

    private Options() {
    }

    /**
     * Reads a data type option.
     *
     * @param flag the flag, for the message
     * @param value the value
     * @return the data type
     * @throws IllegalArgumentException naming the flag, the value and the accepted names
     */
    static DataType dataType(String flag, String value) {
        try {
            return DataType.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage()
                    + " (accepted: fp32, bf16, fp16, fp8, fp8-e5m2, int8, int4, nvfp4, mxfp4)");
        }
    }

    /**
     * Reads an option value with a parser, prefixing its error with the flag.
     *
     * @param <T> the value type
     * @param flag the flag, for the message
     * @param value the value
     * @param parser the parser, which throws IllegalArgumentException for a bad value
     * @return the parsed value
     * @throws IllegalArgumentException naming the flag and the problem
     */
    static <T> T parse(String flag, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }

    /**
     * Reads an enum option by its constant's name, in any case, with '-' for '_'.
     *
     * @param <E> the enum
     * @param flag the flag, for the message
     * @param value the value
     * @param type the enum class
     * @return the constant
     * @throws IllegalArgumentException naming the flag, the value and the accepted names
     */
    static <E extends Enum<E>> E choice(String flag, String value, Class<E> type) {
        return TrainingPlanSpec.choice(flag, value, type, Map.of());
    }

    /**
     * Reads a comma-separated list option.
     *
     * @param <T> the element type
     * @param flag the flag, for the message
     * @param value the list, or null
     * @param parser parses one element, throwing IllegalArgumentException for a bad one
     * @return the elements in order, empty for null
     * @throws IllegalArgumentException naming the flag and the bad element
     */
    static <T> java.util.List<T> list(String flag, String value, Function<String, T> parser) {
        java.util.List<T> out = new java.util.ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String part : value.split(",", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException(flag + ": empty element in '" + value + "'; expected a comma-separated list");
            }
            out.add(parse(flag, p, parser));
        }
        return out;
    }

    /**
     * Parses a positive integer.
     *
     * @param text the text
     * @return the integer
     * @throws IllegalArgumentException if it is not an integer &ge; 1
     */
    static Integer positiveInteger(String text) {
        try {
            int v = Integer.parseInt(text);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected an integer >= 1, was '" + text + "'");
    }
}
