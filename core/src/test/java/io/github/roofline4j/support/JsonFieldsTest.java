package io.github.roofline4j.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.roofline4j.units.Dimension;

class JsonFieldsTest {

    private static JsonFields fields(String json) {
        return JsonFields.of(Json.parse(json, "test.json"), "test.json", "$");
    }

    @Test
    void number_acceptsPlainNumberAndQuantityString() {
        JsonFields f = fields("{\"a\": 3.35e12, \"b\": \"3.35 TB/s\"}");
        assertEquals(3.35e12, f.number("a", Dimension.BYTES_PER_SECOND));
        assertEquals(3.35e12, f.number("b", Dimension.BYTES_PER_SECOND), 1);
        f.finish();
    }

    @Test
    void number_missingIsErrorNeverZero() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> fields("{}").number("memoryBandwidthBytesPerSecond", Dimension.BYTES_PER_SECOND));
        assertEquals("test.json: $.memoryBandwidthBytesPerSecond: missing required field, expected bytes per second",
                e.getMessage());
    }

    @Test
    void number_nullIsMissing() {
        assertThrows(InvalidInputException.class, () -> fields("{\"a\": null}").number("a", Dimension.BYTES));
    }

    @Test
    void number_negativeRejectedWithPath() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> fields("{\"x\": {\"memoryBytes\": -1}}").object("x").number("memoryBytes", Dimension.BYTES));
        assertEquals("test.json: $.x.memoryBytes: must be >= 0 and finite, was -1", e.getMessage());
    }

    @Test
    void number_wrongTypeRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> fields("{\"a\": true}").number("a", Dimension.BYTES));
        assertTrue(e.getMessage().contains("was a boolean"), e.getMessage());
    }

    @Test
    void number_hugeExponentOverflowsToErrorNotInfinity() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> fields("{\"a\": 1e400}").number("a", Dimension.BYTES));
        assertTrue(e.getMessage().contains("$.a"), e.getMessage());
    }

    @Test
    void wholeNumber_beyondLongRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> fields("{\"a\": 99999999999999999999999}").wholeNumber("a", Dimension.BYTES));
        assertTrue(e.getMessage().contains("64-bit"), e.getMessage());
    }

    @Test
    void wholeNumber_quantityStringAndFraction() {
        assertEquals(80_000_000_000L, fields("{\"a\": \"80 GB\"}").wholeNumber("a", Dimension.BYTES));
        assertEquals(102_005_473_280L, fields("{\"a\": \"95 GiB\"}").wholeNumber("a", Dimension.BYTES));
        assertThrows(InvalidInputException.class, () -> fields("{\"a\": 0.5}").wholeNumber("a", Dimension.BYTES));
    }

    @Test
    void integer_rejectsFractionAndOverflow() {
        assertEquals(8, fields("{\"a\": 8}").integer("a"));
        assertThrows(InvalidInputException.class, () -> fields("{\"a\": 8.5}").integer("a"));
        assertThrows(InvalidInputException.class, () -> fields("{\"a\": 4294967296}").integer("a"));
        assertThrows(InvalidInputException.class, () -> fields("{\"a\": \"8\"}").integer("a"));
    }

    @Test
    void finish_unknownFieldNamedWithSuggestion() {
        JsonFields f = fields("{\"memoryByte\": 1}");
        f.optionalWholeNumber("memoryBytes", Dimension.BYTES);
        InvalidInputException e = assertThrows(InvalidInputException.class, f::finish);
        assertEquals("$.memoryByte", e.path());
        assertTrue(e.getMessage().contains("did you mean 'memoryBytes'"), e.getMessage());
    }

    @Test
    void objects_elementPaths() {
        JsonFields f = fields("{\"list\": [{\"a\": 1}, {\"a\": \"x\"}]}");
        List<JsonFields> list = f.objects("list");
        assertEquals("$.list[1]", list.get(1).path());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> list.get(1).integer("a"));
        assertEquals("$.list[1].a", e.path());
    }

    @Test
    void strings_nonStringElementRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fields("{\"s\": [\"a\", 1]}").strings("s"));
        assertEquals("$.s[1]", e.path());
    }

    @Test
    void childPath_quotesNonIdentifiers() {
        assertEquals("$[\"a.b\"]", JsonFields.childPath("$", "a.b"));
        assertEquals("$.ab", JsonFields.childPath("$", "ab"));
    }

    @Test
    void build_constructorFailureBecomesErrorAtObject() {
        JsonFields f = fields("{}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.build(() -> {
            throw new IllegalArgumentException("tp must divide heads");
        }));
        assertEquals("test.json: $: tp must divide heads", e.getMessage());
    }

    @Test
    void has_registersKnown() {
        JsonFields f = fields("{\"a\": 1}");
        assertTrue(f.has("a"));
        assertFalse(f.has("b"));
        f.finish();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 1, \"a\": 2}", "{} {}", "[1,]",
            "{\"a\": 01}"})
    void parse_malformedOrHostileRejected(String json) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Json.parse(json, "in.json"));
        assertTrue(e.getMessage().startsWith("in.json: $: "), e.getMessage());
    }

    @Test
    void parse_deepNestingRejected() {
        String json = "[".repeat(Json.MAX_NESTING_DEPTH + 10) + "]".repeat(Json.MAX_NESTING_DEPTH + 10);
        assertThrows(InvalidInputException.class, () -> Json.parse(json, "deep.json"));
    }

    @Test
    void parse_longNumberRejected() {
        String json = "{\"a\": " + "9".repeat(Json.MAX_NUMBER_LENGTH + 10) + "}";
        assertThrows(InvalidInputException.class, () -> Json.parse(json, "long.json"));
    }

    @Test
    void isExplicitNull_tellsNullFromAbsent() {
        JsonFields f = JsonFields.of(Json.parse("{\"a\": null, \"b\": 1}", "t"), "t", "$");
        assertTrue(f.isExplicitNull("a"));
        assertFalse(f.isExplicitNull("b"));
        assertFalse(f.isExplicitNull("c"));
        f.finish(); // a and b are known
    }
}
