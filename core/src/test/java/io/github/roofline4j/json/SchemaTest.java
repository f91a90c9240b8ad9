package io.github.roofline4j.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The shipped JSON Schema: it accepts real documents (see {@link RequestJsonProperties}) and rejects wrong ones. */
class SchemaTest {

    private static final SchemaValidator SCHEMA = SchemaValidator.shipped();

    private static JsonNode inferenceResponse() {
        return JsonTestData.API.evaluate(Json.parse("""
                {"kind": "inference", "model": "llama-2-7b", "hardware": "h100-test"}""", "t"), "t");
    }

    @Test
    void validate_inferenceResponse_valid() {
        assertEquals(List.of(), SCHEMA.validate(inferenceResponse()));
    }

    @Test
    void validate_resultMissingRequiredField_rejected() {
        ObjectNode response = (ObjectNode) inferenceResponse();
        ((ObjectNode) response.get("result")).remove("decodeSecondsPerToken");
        List<String> problems = SCHEMA.validate("response", response);
        assertFalse(problems.isEmpty());
        assertEquals(true, problems.toString().contains("missing required property decodeSecondsPerToken"), problems.toString());
    }

    @Test
    void validate_negativeTime_rejected() {
        ObjectNode response = (ObjectNode) inferenceResponse();
        ((ObjectNode) response.get("result")).put("prefillSeconds", -1.0);
        assertFalse(SCHEMA.validate("response", response).isEmpty());
    }

    @Test
    void validate_requestUnknownField_rejected() {
        assertFalse(SCHEMA.validate("request", Json.parse("""
                {"kind": "inference", "model": "llama-2-7b", "hardware": "h100-test", "plan": {"batchSize": 2}}""", "t"))
                .isEmpty());
    }

    @Test
    void validate_unknownKind_rejected() {
        assertFalse(SCHEMA.validate("request", Json.parse("{\"kind\": \"estimate\", \"model\": \"x\"}", "t")).isEmpty());
    }

    @Test
    void validate_errorResponse_valid() {
        JsonNode responses = JsonTestData.API.evaluate(Json.parse("[{\"kind\": \"model\"}]", "t"), "t");
        assertEquals(List.of(), SCHEMA.validate(responses));
    }

    @Test
    void schema_definesEveryKind() {
        for (String kind : RequestJson.kinds()) {
            // a definition named after the kind exists and accepts a minimal request of that kind only
            assertFalse(SCHEMA.validate(kind + "Request", Json.parse("{\"kind\": \"other\"}", "t")).isEmpty(), kind);
        }
    }
}
