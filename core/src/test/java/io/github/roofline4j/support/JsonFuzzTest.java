package io.github.roofline4j.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import tools.jackson.databind.JsonNode;

/**
 * Fuzzes {@link Json#parse(String, String)}, the entry point of every JSON document the library
 * reads: it either returns a tree (that writes and parses back to an equal tree) or throws
 * {@link InvalidInputException}; never any other exception.
 *
 * <p>In a normal build ({@code mvn test}) this runs as a regression test over the seeds in
 * {@code src/test/resources/io/github/roofline4j/support/JsonFuzzTestInputs/parse/}. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest=JsonFuzzTest}.
 */
class JsonFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = Json.parse(text, "fuzz input");
        } catch (InvalidInputException expected) {
            assertEquals("fuzz input", expected.source());
            assertFalse(expected.problem().isBlank());
            return;
        }
        assertNotNull(node);
        assertFalse(node.isMissingNode());
        assertEquals(node, Json.parse(Json.write(node), "written"));
    }
}
