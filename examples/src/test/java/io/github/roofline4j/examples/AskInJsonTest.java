package io.github.roofline4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class AskInJsonTest {

    @Test
    void ask_resultUnderCliFieldNames() {
        JsonNode r = AskInJson.ask();
        assertEquals("70b-fp8-tp4", r.get("id").stringValue());
        assertEquals(4, r.get("result").get("devices").intValue());
        assertTrue(r.get("result").get("fits").booleanValue());
    }

    @Test
    void print_fields() {
        assertTrue(Printed.by(AskInJson::print).contains("decodeTokensPerSecond: "));
    }
}
