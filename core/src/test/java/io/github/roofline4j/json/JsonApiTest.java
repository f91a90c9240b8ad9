package io.github.roofline4j.json;

import static io.github.roofline4j.json.JsonTestData.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.InferenceEstimator;
import io.github.roofline4j.inference.ServingPlan;
import io.github.roofline4j.model.ModelSummary;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.quant.WeightFormat;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.training.TrainingEstimate;
import io.github.roofline4j.training.TrainingEstimator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class JsonApiTest {

    private static final String INFERENCE = """
            {"kind": "inference", "id": "serve-8b", "model": "llama-3.1-8b", "hardware": "h100-test",
             "plan": {"tensorParallel": 2, "batch": 8, "promptTokens": 1024, "outputTokens": 64, "weights": "fp8"}}""";

    private static Response evaluate(String json) {
        return API.evaluate(API.read(Json.parse(json, "test"), "test", "$"));
    }

    @Test
    void evaluate_inference_sameAsEstimator() {
        Response r = evaluate(INFERENCE);
        ServingPlan plan = ServingPlan.builder().tensorParallel(2).batch(8).promptTokens(1024).outputTokens(64)
                .precision(new Precision(WeightFormat.parse("fp8"), DataType.BF16, KvFormat.plain(DataType.BF16))).build();
        InferenceEstimate expected = InferenceEstimator.estimate(Models.get("llama-3.1-8b"), JsonTestData.H100, plan);
        assertEquals("inference", r.kind());
        assertEquals("serve-8b", r.id());
        assertEquals(expected, r.result(InferenceEstimate.class));
    }

    @Test
    void evaluate_kvCacheDefault_followsActivations() {
        Response r = evaluate("""
                {"kind": "inference", "model": "llama-3.1-8b", "hardware": "h100-test",
                 "plan": {"weights": "fp8", "activations": "fp8"}}""");
        assertEquals("fp8", r.result(InferenceEstimate.class).kvCache());
    }

    @Test
    void evaluate_trainingOnCluster_defaultsApplied() {
        Response r = evaluate("""
                {"kind": "training", "model": "llama-2-7b", "cluster": "pod-test",
                 "plan": {"tensorParallel": 2, "zero": 1, "globalBatchSize": 64}, "budget": {"tokens": 1e9}}""");
        TrainingEstimate e = r.result(TrainingEstimate.class);
        ParallelPlan expected = ParallelPlan.builder().tensorParallel(2).dataParallel(8).zero(
                io.github.roofline4j.parallel.ZeroStage.OPTIMIZER).globalBatchSize(64).sequenceTokens(2048).build();
        ClusterSpec pod = JsonTestData.POD;
        assertEquals(TrainingEstimator.estimate(Models.get("llama-2-7b"), pod, expected,
                new TrainingEstimator.Budget(1e9, null)), e);
    }

    @Test
    void evaluate_trainingResizedCluster_usesGpus() {
        Response r = evaluate("""
                {"kind": "training", "model": "llama-2-7b", "cluster": "pod-test", "gpus": 8}""");
        assertEquals(8, r.result(TrainingEstimate.class).devices());
    }

    @Test
    void evaluate_modelInlineConfig_named() {
        Response r = evaluate("""
                {"kind": "model", "model": {"name": "Tiny", "config": {"model_type": "llama", "hidden_size": 256,
                 "intermediate_size": 1024, "num_hidden_layers": 2, "num_attention_heads": 4, "vocab_size": 1000,
                 "max_position_embeddings": 512}}, "sequenceTokens": 256, "kvCache": "int8"}""");
        ModelSummary s = r.result(ModelSummary.class);
        assertEquals("Tiny", s.name());
        assertEquals(256, s.sequenceTokens());
        assertEquals("int8", s.kvCacheFormat());
    }

    @Test
    void evaluate_hardwareInline_givesAcceleratorBack() {
        Response r = evaluate("{\"kind\": \"hardware\", \"hardware\": " + JsonTestData.ACCELERATOR_JSON + "}");
        assertEquals(JsonTestData.H100, r.result());
    }

    @Test
    void evaluate_array_failuresAreResponses() {
        JsonNode responses = API.evaluate(Json.parse("[" + INFERENCE + ", {\"kind\": \"cluster\", \"id\": \"x\", "
                + "\"cluster\": \"nope\"}]", "test"), "test");
        assertEquals(2, responses.size());
        assertTrue(responses.get(0).has("result"));
        JsonNode error = responses.get(1).get("error");
        assertEquals("x", responses.get(1).get("id").stringValue());
        assertEquals("$[1]", error.get("path").stringValue());
        assertTrue(error.get("message").stringValue().contains("unknown cluster 'nope'"), error.toString());
    }

    @Test
    void evaluateLines_oneResponsePerLine() {
        StringWriter out = new StringWriter();
        long failures = API.evaluateLines(new StringReader(INFERENCE.replace("\n", " ") + "\n\n{\"kind\": \"model\"}\n"
                + "not json\n{\"kind\": \"model\", \"model\": \"gpt-2-124m\"}"), out);
        List<String> lines = out.toString().lines().toList();
        assertEquals(4, lines.size(), out.toString());
        assertEquals(2, failures);
        assertTrue(Json.parse(lines.get(0), "out").has("result"));
        assertEquals("line 3: $.model: missing required field, expected a preset id, {\"path\": ...} or {\"config\": {...}}",
                Json.parse(lines.get(1), "out").get("error").get("message").stringValue());
        assertTrue(Json.parse(lines.get(2), "out").get("error").get("message").stringValue().startsWith("line 4: $: malformed JSON"));
        assertEquals("model", Json.parse(lines.get(3), "out").get("kind").stringValue());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"kind\": \"inference\", \"model\": \"llama-3.1-8b\", \"hardware\": \"h100-test\", \"plan\": {\"batchSize\": 4}}"
                    + "|$.plan.batchSize: unknown field; did you mean 'batch'?",
            "{\"kind\": \"inference\", \"model\": \"llama-3.1-8b\", \"hardware\": \"h100-test\", \"color\": 1}"
                    + "|$.color: unknown field",
            "{\"kind\": \"estimate\"}|$.kind: unknown kind 'estimate'; expected one of hardware, cluster, model, inference, training",
            "{\"model\": \"x\"}|$.kind: missing required field",
            "{\"kind\": \"inference\", \"model\": \"llama-3.1-8b\", \"hardware\": \"h100-test\", \"plan\": {\"batch\": -1}}"
                    + "|$.plan: batch must be > 0, was -1",
            "{\"kind\": \"inference\", \"model\": \"llama-3.1-8b\", \"hardware\": \"h100-test\", \"plan\": {\"batch\": 1e30}}"
                    + "|$.plan.batch: must fit in a 32-bit integer",
            "{\"kind\": \"inference\", \"model\": \"llama-3.1-8b\", \"hardware\": \"h100-test\", \"plan\": {\"promptTokens\": 99999999999999999999}}"
                    + "|$.plan.promptTokens: must fit in a 64-bit integer",
            "{\"kind\": \"inference\", \"model\": \"llama-3.1-8b\", \"hardware\": \"h100-test\", \"plan\": {\"memoryUtilization\": 1e400}}"
                    + "|must be finite",
            "{\"kind\": \"inference\", \"model\": \"llama-3.1-8b\", \"hardware\": \"h100-test\", \"plan\": {\"memoryUtilization\": NaN}}"
                    + "|malformed JSON",
            "{\"kind\": \"inference\", \"model\": \"llama-3.1-8b\", \"hardware\": \"h100-test\", \"plan\": {\"weights\": \"int5\"}}"
                    + "|$.plan.weights: unknown weight format 'int5'",
            "{\"kind\": \"training\", \"model\": \"llama-3.1-8b\", \"hardware\": \"h100-test\", \"gpus\": 8, \"plan\": {\"recompute\": \"some\"}}"
                    + "|$.plan.recompute: recompute: unknown value 'some'; expected one of none, selective, full",
            "{\"kind\": \"training\", \"model\": \"llama-3.1-8b\", \"hardware\": \"h100-test\", \"cluster\": \"pod-test\"}"
                    + "|$: give exactly one of hardware and cluster",
            "{\"kind\": \"training\", \"model\": \"llama-3.1-8b\", \"hardware\": \"h100-test\"}|$: hardware needs gpus",
            "{\"kind\": \"inference\", \"model\": \"llama-3.1-8b\", \"hardware\": \"h100-test\", \"gpus\": 2}|$: gpus is for training",
            "{\"kind\": \"inference\", \"kind\": \"training\"}|Duplicate Object property",
            "{\"kind\": \"model\", \"model\": {\"path\": \"config.json\", \"name\": \"x\"}}|$.model.name: unknown field",
            "{\"kind\": \"model\", \"model\": {\"config\": {\"model_type\": \"bert\"}}}|unsupported model_type 'bert'",
            "\"text\"|expected a request object or an array of them"})
    void read_badInput_namesPath(String json, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> API.evaluate(json));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void read_tooDeep_rejected() {
        String deep = "{\"kind\": \"model\", \"model\": {\"config\": " + "[".repeat(200) + "]".repeat(200) + "}}";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> API.evaluate(deep));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
    }

    @Test
    void read_filesRefused_withoutFiles() {
        JsonApi strict = API.withoutFiles();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> strict.evaluate(
                "{\"kind\": \"model\", \"model\": {\"path\": \"/etc/passwd\"}}"));
        assertEquals("$.model.path", e.path());
    }

    @Test
    void read_noPolymorphicTyping_classNamesAreUnknownFields() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> API.evaluate(
                "{\"kind\": \"model\", \"@class\": \"java.lang.ProcessBuilder\", \"model\": \"gpt-2-124m\"}"));
        assertEquals("$[\"@class\"]", e.path());
    }

    @Test
    void discover_withoutCatalog_saysWhatIsMissing() {
        // core's tests do not have the catalog module on the class path
        HardwareResolver r = HardwareResolver.discover();
        assertInstanceOf(HardwareResolver.NoCatalog.class, r);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Roofline4j.evaluate(
                "{\"kind\": \"hardware\", \"hardware\": \"h100-sxm\"}"));
        assertTrue(e.getMessage().contains("roofline4j-hardware-catalog"), e.getMessage());
    }

    @Test
    void response_failureWithResult_rejected() {
        assertThrows(IllegalArgumentException.class, () -> new Response("model", null, null, null));
        assertFalse(new Response(null, null, null, new Response.Failure("$", "bad")).ok());
    }

    @Test
    void evaluate_calibrationInline_changesTheDecodeTime() {
        String base = "{\"kind\": \"inference\", \"model\": \"llama-2-7b\", \"hardware\": \"h100-test\"";
        InferenceEstimate plain = evaluate(base + "}").result(InferenceEstimate.class);
        // a measured bandwidth of 2.0 TB/s, well below the default model's achievable bandwidth
        InferenceEstimate calibrated = evaluate(base + ", \"calibration\": {\"hardware\": \"h100-test\", "
                + "\"achievableBandwidthBytesPerSecond\": 2.0e12, \"kernelOverheadSeconds\": null, \"memoryFit\": null, "
                + "\"collectives\": [], \"matmul\": []}}").result(InferenceEstimate.class);
        assertTrue(calibrated.decodeSecondsPerToken() > plain.decodeSecondsPerToken(),
                calibrated.decodeSecondsPerToken() + " vs " + plain.decodeSecondsPerToken());
    }

    @Test
    void evaluate_calibrationOfAnotherAccelerator_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> evaluate(
                "{\"kind\": \"training\", \"model\": \"llama-2-7b\", \"hardware\": \"h100-test\", \"gpus\": 8, "
                        + "\"calibration\": {\"hardware\": \"mi300x\", \"achievableBandwidthBytesPerSecond\": null, "
                        + "\"kernelOverheadSeconds\": null, \"memoryFit\": null, \"collectives\": [], \"matmul\": []}}"));
        assertTrue(e.getMessage().startsWith("calibration: the calibration profile was measured on mi300x"), e.getMessage());
    }

    @Test
    void evaluate_placement_inThePlan() {
        TrainingEstimate e = evaluate("{\"kind\": \"training\", \"model\": \"llama-2-7b\", \"cluster\": \"pod-test\", "
                + "\"plan\": {\"tensorParallel\": 4, \"placement\": \"tp-dp-cp-pp\"}}").result(TrainingEstimate.class);
        assertTrue(e.plan().contains("placement tp-dp-cp-pp"), e.plan());
    }

    @Test
    void evaluate_search_bestPlanSentBackAsTrainingRequest_sameStep() {
        Response r = evaluate("""
                {"kind": "search", "id": "plan-7b", "model": "llama-2-7b", "hardware": "h100-test", "gpus": 16,
                 "space": {"globalBatchSize": 32, "sequenceTokens": 4096, "zero": [1], "recompute": ["none", "selective"]},
                 "top": 2}""");
        assertEquals("search", r.kind());
        assertEquals("plan-7b", r.id());
        io.github.roofline4j.search.TrainingSearchResult result = r.result(io.github.roofline4j.search.TrainingSearchResult.class);
        assertEquals(2, result.plans().size());
        assertTrue(result.complete());
        JsonNode written = SearchResultJson.write(result);
        JsonNode best = written.get("plans").get(0);
        ObjectNode training = Json.mapper().createObjectNode().put("kind", "training").put("model", "llama-2-7b")
                .put("hardware", "h100-test").put("gpus", 16);
        training.set("plan", best.get("plan"));
        TrainingEstimate again = evaluate(Json.write(training)).result(TrainingEstimate.class);
        assertEquals(best.get("stepSeconds").doubleValue(), again.stepSeconds(), 0.0);
        assertEquals(best.get("planDescription").stringValue(), again.plan());
    }

    @Test
    void read_search_badSpace_namesThePath() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> evaluate("""
                {"kind": "search", "model": "llama-2-7b", "hardware": "h100-test", "gpus": 16,
                 "space": {"globalBatchSize": 32, "sequenceTokens": 4096, "tensorParallel": [2, "x"]}}"""));
        assertTrue(e.getMessage().contains("$.space.tensorParallel[1]: expected an integer"), e.getMessage());
    }
}
