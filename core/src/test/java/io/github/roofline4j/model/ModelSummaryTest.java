package io.github.roofline4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

class ModelSummaryTest {

    @Test
    void of_trainingFlopsFromTheSpecAndKvFormatWithScales() {
        TransformerSpec llama = Models.get("llama-3.1-8b");
        ModelSummary s = ModelSummary.of(llama, null, 1024, KvFormat.parse("int8"), List.of());
        assertEquals(llama.trainingFlopsPerToken(1024, AttentionMask.CAUSAL, Recompute.NONE).modelFlops(),
                s.trainingFlopsPerToken());
        assertEquals("int8", s.kvCacheFormat());
        assertEquals(67_584L, s.kvCacheBytesPerToken());            // 65,536 + 512 head vectors x 4 scale bytes
        assertEquals(1024L * 67_584L, s.kvCacheBytesAtSequence());
        assertTrue(s.table().contains("in int8"), s.table());
    }

    @Test
    void json_encoderDecoderFiguresAreWrittenAsNull() {
        ModelSummary s = ModelSummary.of(Models.get("t5-base"), null, 512, KvFormat.parse("bf16"), List.of());
        JsonNode json = Json.mapper().valueToTree(s);
        assertTrue(json.has("forwardFlopsPerToken") && json.get("forwardFlopsPerToken").isNull(), json.toString());
        assertTrue(json.get("trainingFlopsPerToken").isNull());
        assertTrue(json.get("kvCacheBytesPerToken").isNull());
        assertEquals("bf16", json.get("kvCacheFormat").stringValue());
    }

    @Test
    void of_rejectsNullsAndOutOfRangeSequence() {
        TransformerSpec gpt2 = Models.get("gpt2");
        assertThrows(IllegalArgumentException.class, () -> ModelSummary.of(gpt2, null, 1024, null, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> ModelSummary.of(gpt2, null, 1025, KvFormat.parse("bf16"), List.of()));
    }
}
