package io.github.roofline4j.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.roofline4j.json.HardwareResolver;
import io.github.roofline4j.json.Roofline4j;
import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

class CatalogResolverTest {

    @Test
    void discover_catalogOnClassPath_isTheCatalog() {
        assertInstanceOf(CatalogResolver.class, HardwareResolver.discover());
    }

    @Test
    void evaluate_catalogIds_resolved() {
        JsonNode r = Json.parse(Roofline4j.evaluate("""
                {"kind": "inference", "model": "llama-3.1-70b", "hardware": "h100",
                 "plan": {"tensorParallel": 4, "weights": "fp8"}}"""), "response");
        assertEquals("h100-sxm", r.get("result").get("accelerator").stringValue());
        assertEquals(4, r.get("result").get("devices").intValue());
    }

    @Test
    void evaluate_clusterPreset_resolved() {
        JsonNode r = Roofline4j.evaluate(Json.parse("{\"kind\": \"cluster\", \"cluster\": \"dgx-h100\"}", "t"));
        assertEquals(HardwareCatalog.builtIn().cluster("dgx-h100").deviceCount(), r.get("result").get("nodeCount").intValue()
                * r.get("result").get("devicesPerNode").intValue());
    }

    @Test
    void evaluate_unknownId_suggests() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Roofline4j.evaluate(
                "{\"kind\": \"hardware\", \"hardware\": \"h100-sxn\"}"));
        assertTrue(e.getMessage().contains("h100-sxm"), e.getMessage());
    }
}
