package io.github.roofline4j.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

/**
 * Fuzzes the JSON API's request parser and evaluation, which read other programs' input: it
 * either answers, with responses valid under the shipped schema that read back equal, or throws
 * {@link IllegalArgumentException} with a message; never any other exception. Files are not
 * read ({@link JsonApi#withoutFiles()}).
 *
 * <p>In a normal build this runs as a regression test over the seeds in
 * {@code src/test/resources/io/github/roofline4j/json/RequestJsonFuzzTestInputs/evaluate/}.
 * To fuzz: {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest=RequestJsonFuzzTest}.
 */
class RequestJsonFuzzTest {

    private static final JsonApi API = JsonTestData.API.withoutFiles();
    private static final SchemaValidator SCHEMA = SchemaValidator.shipped();

    @FuzzTest(maxDuration = "60s")
    void evaluate(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        String answer;
        try {
            answer = API.evaluate(text);
        } catch (IllegalArgumentException expected) {
            assertFalse(expected.getMessage() == null || expected.getMessage().isBlank());
            return;
        }
        JsonNode responses = Json.parse(answer, "answer");
        assertEquals(List.of(), SCHEMA.validate(responses));
        for (JsonNode r : responses.isArray() ? responses : List.of(responses)) {
            assertEquals(Json.write(r), Json.write(Response.fromJson(r, "answer").toJson()));
        }
    }
}
