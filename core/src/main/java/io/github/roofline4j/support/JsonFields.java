package io.github.roofline4j.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.roofline4j.units.Dimension;
import io.github.roofline4j.units.Quantity;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of one JSON object strictly, with errors that name the source and the JSON
 * path of the field.
 *
 * <p>Every accessor registers the field name as known; {@link #finish()} then rejects any field
 * the object has that no accessor asked for, so a typo never silently becomes a default. A
 * missing required field, a JSON {@code null} where a value is required, a value of the wrong
 * type, a negative or non-finite number and a whole number that does not fit a {@code long}
 * are all errors. Quantities may be written as a number in base units or as a string with a
 * unit, such as {@code "80 GB"} (see {@link Quantity}).
 *
 * <pre>{@code
 * JsonFields f = JsonFields.of(node, "my-gpu.json", "$");
 * long memoryBytes = f.wholeNumber("memoryBytes", Dimension.BYTES);
 * Optional<String> type = f.optionalString("memoryType");
 * f.finish();
 * }</pre>
 *
 * <p>Not thread-safe: one instance reads one object once.
 */
public final class JsonFields {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final JsonNode node;
    private final String source;
    private final String path;
    private final Set<String> known = new LinkedHashSet<>();

    private JsonFields(JsonNode node, String source, String path) {
        this.node = node;
        this.source = source;
        this.path = path;
    }

    /**
     * Starts reading a JSON object.
     *
     * @param node the node, which must be an object
     * @param source the file name or description of the input, for messages
     * @param path the JSON path of the node, {@code $} for the document root
     * @return the reader
     * @throws InvalidInputException if the node is not an object
     */
    public static JsonFields of(JsonNode node, String source, String path) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(source, path, "expected an object, was " + describe(node));
        }
        return new JsonFields(node, source, path);
    }

    /**
     * Returns the source of the input.
     *
     * @return the file name or description
     */
    public String source() {
        return source;
    }

    /**
     * Returns the JSON path of this object.
     *
     * @return the path
     */
    public String path() {
        return path;
    }

    /**
     * Returns the JSON path of a field of this object.
     *
     * @param field the field name
     * @return the path, such as {@code $.accelerators[2].memoryBytes}
     */
    public String pathOf(String field) {
        return childPath(path, field);
    }

    /**
     * Returns the JSON path of a field of an object at a path.
     *
     * @param parent the object's path
     * @param field the field name
     * @return {@code parent.field}, or {@code parent["field"]} when the name is not an identifier
     */
    public static String childPath(String parent, String field) {
        return IDENTIFIER.matcher(field).matches() ? parent + "." + field
                : parent + "[\"" + field.replace("\"", "\\\"") + "\"]";
    }

    /**
     * Creates an error at a field of this object.
     *
     * @param field the field name
     * @param problem what is wrong and what was expected
     * @return the exception, to be thrown
     */
    public InvalidInputException error(String field, String problem) {
        return new InvalidInputException(source, pathOf(field), problem);
    }

    /**
     * Creates an error at this object.
     *
     * @param problem what is wrong and what was expected
     * @return the exception, to be thrown
     */
    public InvalidInputException error(String problem) {
        return new InvalidInputException(source, path, problem);
    }

    /**
     * Tells whether the object has a non-null value for the field, and registers the field as known.
     *
     * @param field the field name
     * @return whether the field is present and not {@code null}
     */
    public boolean has(String field) {
        return value(field) != null;
    }

    /**
     * Tells whether the object has the field with an explicit JSON {@code null}, and registers
     * the field as known; for formats that give null a meaning of its own (a Hugging Face config
     * where {@code "sliding_window": null} means no window while an absent key means the default).
     *
     * @param field the field name
     * @return true if the field is present and {@code null}; false if it is absent or has a value
     */
    public boolean isExplicitNull(String field) {
        known.add(field);
        JsonNode v = node.get(field);
        return v != null && v.isNull();
    }

    /**
     * Returns the names of the fields of this object, in document order, registering them all as
     * known; for objects used as maps.
     *
     * @return the field names
     */
    public List<String> names() {
        List<String> names = new ArrayList<>(node.propertyNames());
        known.addAll(names);
        return names;
    }

    /**
     * Reads a required string.
     *
     * @param field the field name
     * @return the string
     * @throws InvalidInputException if the field is missing or not a string
     */
    public String string(String field) {
        return optionalString(field).orElseThrow(() -> missing(field, "a string"));
    }

    /**
     * Reads an optional string.
     *
     * @param field the field name
     * @return the string, or empty if the field is absent or {@code null}
     * @throws InvalidInputException if the value is not a string
     */
    public Optional<String> optionalString(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw error(field, "expected a string, was " + describe(v));
        }
        return Optional.of(v.stringValue());
    }

    /**
     * Reads a required quantity: a number in base units or a string with a unit.
     *
     * @param field the field name
     * @param dimension the dimension of the quantity, which says the accepted units
     * @return the value in base units, finite and &ge; 0
     * @throws InvalidInputException if the field is missing, negative, non-finite or not a quantity
     */
    public double number(String field, Dimension dimension) {
        return optionalNumber(field, dimension).orElseThrow(() -> missing(field, dimension.description()));
    }

    /**
     * Reads an optional quantity.
     *
     * @param field the field name
     * @param dimension the dimension of the quantity
     * @return the value in base units, or empty if the field is absent or {@code null}
     * @throws InvalidInputException if the value is negative, non-finite or not a quantity
     */
    public OptionalDouble optionalNumber(String field, Dimension dimension) {
        JsonNode v = value(field);
        if (v == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(toDouble(field, v, dimension));
    }

    /**
     * Reads a required whole quantity such as a byte count.
     *
     * @param field the field name
     * @param dimension the dimension of the quantity
     * @return the value in base units, &ge; 0
     * @throws InvalidInputException if the field is missing, negative, not whole or too large for a {@code long}
     */
    public long wholeNumber(String field, Dimension dimension) {
        return optionalWholeNumber(field, dimension).orElseThrow(() -> missing(field, "a whole number of " + dimension.description()));
    }

    /**
     * Reads an optional whole quantity such as a byte count.
     *
     * @param field the field name
     * @param dimension the dimension of the quantity
     * @return the value in base units, or empty if the field is absent or {@code null}
     * @throws InvalidInputException if the value is negative, not whole or too large for a {@code long}
     */
    public OptionalLong optionalWholeNumber(String field, Dimension dimension) {
        JsonNode v = value(field);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw error(field, "must fit in a 64-bit integer, was " + v);
            }
            long l = v.longValue();
            if (l < 0) {
                throw error(field, "must be >= 0, was " + l);
            }
            return OptionalLong.of(l);
        }
        double d = toDouble(field, v, dimension);
        double r = Math.rint(d);
        if (Math.abs(d - r) > 1e-9 * Math.max(1.0, Math.abs(d))) {
            throw error(field, "must be a whole number of " + dimension.description() + ", was " + Checks.plain(d));
        }
        if (r >= 0x1p63) {
            throw error(field, "must fit in a 64-bit integer, was " + Checks.plain(d));
        }
        return OptionalLong.of((long) r);
    }

    /**
     * Reads a required integer count.
     *
     * @param field the field name
     * @return the value
     * @throws InvalidInputException if the field is missing, not an integer or out of {@code int} range
     */
    public int integer(String field) {
        return optionalInteger(field).orElseThrow(() -> missing(field, "an integer"));
    }

    /**
     * Reads an optional integer count.
     *
     * @param field the field name
     * @return the value, or empty if the field is absent or {@code null}
     * @throws InvalidInputException if the value is not an integer or out of {@code int} range
     */
    public OptionalInt optionalInteger(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return OptionalInt.empty();
        }
        if (!v.isIntegralNumber() && !(v.isFloatingPointNumber() && isWhole(v.doubleValue()))) {
            throw error(field, "expected an integer, was " + describe(v));
        }
        if (!v.canConvertToLong() || v.longValue() != (int) v.longValue()) {
            throw error(field, "must fit in a 32-bit integer, was " + v);
        }
        return OptionalInt.of((int) v.longValue());
    }

    /**
     * Reads an optional boolean.
     *
     * @param field the field name
     * @param defaultValue the value when the field is absent or {@code null}
     * @return the value
     * @throws InvalidInputException if the value is not a boolean
     */
    public boolean bool(String field, boolean defaultValue) {
        JsonNode v = value(field);
        if (v == null) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            throw error(field, "expected true or false, was " + describe(v));
        }
        return v.booleanValue();
    }

    /**
     * Reads a required nested object.
     *
     * @param field the field name
     * @return a reader of the nested object
     * @throws InvalidInputException if the field is missing or not an object
     */
    public JsonFields object(String field) {
        return optionalObject(field).orElseThrow(() -> missing(field, "an object"));
    }

    /**
     * Reads an optional nested object.
     *
     * @param field the field name
     * @return a reader of the nested object, or empty if the field is absent or {@code null}
     * @throws InvalidInputException if the value is not an object
     */
    public Optional<JsonFields> optionalObject(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return Optional.empty();
        }
        return Optional.of(of(v, source, pathOf(field)));
    }

    /**
     * Reads an optional array of objects.
     *
     * @param field the field name
     * @return readers of the elements, in order; empty if the field is absent or {@code null}
     * @throws InvalidInputException if the value is not an array or an element is not an object
     */
    public List<JsonFields> objects(String field) {
        List<JsonFields> result = new ArrayList<>();
        int i = 0;
        for (JsonNode element : array(field)) {
            result.add(of(element, source, pathOf(field) + "[" + i++ + "]"));
        }
        return result;
    }

    /**
     * Reads an optional array of strings.
     *
     * @param field the field name
     * @return the strings, in order; empty if the field is absent or {@code null}
     * @throws InvalidInputException if the value is not an array of strings
     */
    public List<String> strings(String field) {
        List<String> result = new ArrayList<>();
        int i = 0;
        for (JsonNode element : array(field)) {
            if (!element.isString()) {
                throw new InvalidInputException(source, pathOf(field) + "[" + i + "]",
                        "expected a string, was " + describe(element));
            }
            result.add(element.stringValue());
            i++;
        }
        return result;
    }

    /**
     * Returns the raw value of a field, registering it as known.
     *
     * @param field the field name
     * @return the value, or {@code null} if absent or JSON {@code null}
     */
    public JsonNode raw(String field) {
        return value(field);
    }

    /**
     * Builds a value from the fields read, turning a validation failure of the value's
     * constructor into an error at this object.
     *
     * @param <T> the type of the value
     * @param constructor creates the value; its {@link IllegalArgumentException} names the field and the rule
     * @return the value
     * @throws InvalidInputException if the constructor rejects the values
     */
    public <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /**
     * Rejects the fields of the object that no accessor asked for.
     *
     * @throws InvalidInputException naming the first unknown field and the closest known one
     */
    public void finish() {
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                List<String> closest = Suggestions.closest(name, known, 1);
                throw error(name, "unknown field" + (closest.isEmpty() ? "" : "; did you mean '" + closest.get(0) + "'?")
                        + " Known fields: " + String.join(", ", known));
            }
        }
    }

    private JsonNode value(String field) {
        known.add(field);
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private Iterable<JsonNode> array(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw error(field, "expected an array, was " + describe(v));
        }
        return v.values();
    }

    private double toDouble(String field, JsonNode v, Dimension dimension) {
        double d;
        if (v.isNumber()) {
            d = v.doubleValue();
        } else if (v.isString()) {
            try {
                d = Quantity.parse(v.stringValue(), dimension);
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage());
            }
        } else {
            throw error(field, "expected " + dimension.description()
                    + " as a number or a string with a unit, was " + describe(v));
        }
        if (!Double.isFinite(d) || d < 0) {
            throw error(field, "must be >= 0 and finite, was " + (v.isNumber() ? v.toString() : Checks.plain(d)));
        }
        return d + 0.0; // -0.0 reads as 0.0
    }

    private InvalidInputException missing(String field, String expected) {
        return error(field, "missing required field, expected " + expected);
    }

    private static boolean isWhole(double d) {
        return Double.isFinite(d) && d == Math.rint(d);
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "missing";
        }
        String kind = v.isObject() ? "an object" : v.isArray() ? "an array" : v.isString() ? "a string"
                : v.isNumber() ? "a number" : v.isBoolean() ? "a boolean" : v.isNull() ? "null" : "a value";
        if (v.isValueNode() && !v.isNull()) {
            String text = v.toString();
            if (text.length() > 40) {
                text = text.substring(0, 40) + "...";
            }
            return kind + " (" + text + ")";
        }
        return kind.toLowerCase(Locale.ROOT);
    }
}
