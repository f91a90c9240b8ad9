package io.github.roofline4j.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.model.ModelSummary;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.training.TrainingEstimate;

/** Results print well in a REPL and a notebook: a one-line toString, a text table, an HTML table with the same rows. */
class ReplPrintingTest {

    private static <T> T evaluate(String json, Class<T> type) {
        return JsonTestData.API.evaluate(JsonTestData.API.read(Json.parse(json, "t"), "t", "$")).result(type);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void inference_toStringTableHtml() {
        InferenceEstimate e = evaluate("{\"kind\": \"inference\", \"model\": \"llama-2-7b\", \"hardware\": \"h100-test\"}",
                InferenceEstimate.class);
        assertFalse(e.toString().contains("\n"));
        assertTrue(e.toString().startsWith("Llama-2-7B on 1 x h100-test, batch 1: TTFT "), e.toString());
        String html = e.toHtml();
        assertEquals(3, count(html, "<table>"));
        // one row per figure and per operation, and a header row per table
        assertEquals(8 + e.operations().size() + 3, count(html, "<tr>"));
        assertTrue(e.table().contains("Decode step operations (per device)"));
        assertTrue(html.contains("<h4>Decode step operations (per device)</h4>"));
    }

    @Test
    void training_toHtml_rowsOfTable() {
        TrainingEstimate e = evaluate("{\"kind\": \"training\", \"model\": \"llama-2-7b\", \"hardware\": \"h100-test\", "
                + "\"gpus\": 8, \"budget\": {\"tokens\": 1e10}}", TrainingEstimate.class);
        String html = e.toHtml();
        assertEquals(3, count(html, "<table>"));
        assertEquals(9 + e.operations().size() + 3, count(html, "<tr>"));
        assertFalse(e.toString().contains("\n"));
    }

    @Test
    void model_toHtml_sameFiguresAsTable() {
        ModelSummary s = evaluate("{\"kind\": \"model\", \"model\": \"mixtral-8x7b\"}", ModelSummary.class);
        assertTrue(s.table().contains("KV cache per token"));
        assertTrue(s.toHtml().contains("<td style=\"text-align:left\">KV cache per token</td>"));
    }
}
