package io.github.roofline4j.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.roofline4j.calibration.CalibrationProfile;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.inference.ServingPlan;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.parallel.Offload;
import io.github.roofline4j.parallel.Optimizer;
import io.github.roofline4j.parallel.Placement;
import io.github.roofline4j.parallel.TrainingPrecision;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.quant.WeightFormat;
import io.github.roofline4j.search.Objective;
import io.github.roofline4j.search.SearchSpace;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.training.TrainingEstimator;
import io.github.roofline4j.workload.AttentionKernel;
import io.github.roofline4j.workload.MlaForm;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Properties of the JSON API over seeded random requests: writing then reading any request or
 * response gives it back equal, and every request written and every response of a real
 * estimate is valid under the shipped JSON Schema.
 */
class RequestJsonProperties {

    private static final long SEED = 20261122L;
    private static final int REQUESTS = 300;
    private static final int ESTIMATES = 40;
    private static final SchemaValidator SCHEMA = SchemaValidator.shipped();
    private static final List<String> PRESETS = List.of("llama-2-7b", "llama-3.1-8b", "mistral-7b", "gpt-2-124m",
            "mixtral-8x7b", "qwen3-8b");

    static Stream<Long> requestSeeds() {
        return IntStream.range(0, REQUESTS).mapToObj(i -> SEED + i);
    }

    static Stream<Long> estimateSeeds() {
        return IntStream.range(0, ESTIMATES).mapToObj(i -> SEED * 31 + i);
    }

    @ParameterizedTest
    @MethodSource("requestSeeds")
    void request_writeThenRead_equal(long seed) {
        Request<?> request = randomRequest(new Random(seed));
        String text = Json.write(request.toJson());
        Request<?> back = RequestJson.read(Json.parse(text, "written"), "written", "$", JsonTestData.RESOLVER, true);
        assertEquals(request, back, text);
    }

    @ParameterizedTest
    @MethodSource("requestSeeds")
    void request_written_validUnderSchema(long seed) {
        JsonNode json = randomRequest(new Random(seed)).toJson();
        assertEquals(List.of(), SCHEMA.validate("request", json), json.toString());
        assertEquals(List.of(), SCHEMA.validate(json));
    }

    @ParameterizedTest
    @MethodSource("estimateSeeds")
    void response_writeThenRead_equalAndValid(long seed) {
        Request<?> request = answerableRequest(new Random(seed));
        Response response = JsonTestData.API.evaluate(request);
        JsonNode json = response.toJson();
        assertEquals(List.of(), SCHEMA.validate("response", json), json.toString());
        String text = Json.write(json);
        assertEquals(response, Response.fromJson(Json.parse(text, "written"), "written"));
    }

    // ---- generators

    static Request<?> randomRequest(Random r) {
        String id = r.nextBoolean() ? null : "req-" + r.nextInt(1000);
        return switch (r.nextInt(6)) {
            case 0 -> new HardwareRequest(id, hardware(r));
            case 1 -> new ClusterRequest(id, cluster(r), r.nextBoolean() ? null : 8 * (1 + r.nextInt(4)));
            case 2 -> new ModelRequest(id, model(r), r.nextBoolean() ? null : 1L + r.nextInt(8192),
                    KvFormat.parse(pick(r, KvFormat.NAMES)));
            case 3 -> new InferenceRequest(id, model(r), r.nextBoolean() ? Devices.of(hardware(r)) : Devices.of(cluster(r)),
                    servingPlan(r), r.nextBoolean() ? null
                            : new SpeculationSpec(r.nextBoolean() ? null : model(r), 1 + r.nextInt(8), r.nextDouble()),
                    calibration(r));
            case 5 -> new SearchRequest(id, model(r), r.nextBoolean() ? new Devices(hardware(r), null, 1 + r.nextInt(1024))
                    : new Devices(null, cluster(r), r.nextBoolean() ? null : 8 * (1 + r.nextInt(16))), searchSpace(r),
                    pick(r, List.of(Objective.values())), 1 + r.nextInt(20), calibration(r));
            default -> new TrainingRequest(id, model(r), r.nextBoolean()
                    ? new Devices(hardware(r), null, 1 + r.nextInt(1024))
                    : new Devices(null, cluster(r), r.nextBoolean() ? null : 8 * (1 + r.nextInt(16))),
                    trainingPlan(r), r.nextBoolean() ? null
                            : new TrainingEstimator.Budget(1e9 + r.nextDouble() * 1e13, r.nextBoolean() ? null : r.nextDouble() * 5),
                    calibration(r));
        };
    }

    private static Request<?> answerableRequest(Random r) {
        String id = r.nextBoolean() ? null : "q" + r.nextInt(100);
        ModelSource model = new ModelSource.Preset(pick(r, List.of("llama-2-7b", "llama-3.1-8b", "mistral-7b")));
        HardwareSource h100 = r.nextBoolean() ? new HardwareSource.Catalog("h100-test") : new HardwareSource.Inline(JsonTestData.H100);
        return switch (r.nextInt(6)) {
            case 0 -> new HardwareRequest(id, h100);
            case 1 -> new ClusterRequest(id, new ClusterSource.Catalog("pod-test"), r.nextBoolean() ? null : 8);
            case 2 -> new ModelRequest(id, model, r.nextBoolean() ? null : 1L + r.nextInt(4096), KvFormat.parse("bf16"));
            case 3 -> new InferenceRequest(id, model, Devices.of(h100), ServingPlan.builder().tensorParallel(1 << r.nextInt(3))
                    .batch(1 + r.nextInt(32)).promptTokens(1 + r.nextInt(2048)).outputTokens(1 + r.nextInt(512))
                    .precision(new Precision(WeightFormat.parse(pick(r, List.of("bf16", "fp8", "int4", "int8"))), DataType.BF16,
                            KvFormat.parse(pick(r, List.of("bf16", "fp8")))))
                    .build(), r.nextInt(4) == 0 ? new SpeculationSpec(new ModelSource.Preset("gpt-2-124m"), 3, 0.6) : null,
                    calibration(r));
            case 5 -> new SearchRequest(id, model, new Devices(h100, null, 8), SearchSpace.builder(16, 2048)
                    .tensorParallel(1 << r.nextInt(3)).zero(ZeroStage.of(r.nextInt(4))).recompute(Recompute.NONE).build(),
                    Objective.TIME, 1 + r.nextInt(3), calibration(r));
            default -> new TrainingRequest(id, model, r.nextBoolean() ? new Devices(h100, null, 8)
                    : Devices.of(new ClusterSource.Catalog("pod-test")),
                    TrainingPlanSpec.builder().tensorParallel(1 << r.nextInt(3)).zero(ZeroStage.of(r.nextInt(4)))
                            .sequenceTokens((long) pick(r, List.of(512, 1024, 2048, 4096)))
                            .recompute(pick(r, List.of(Recompute.values()))).build(),
                    r.nextBoolean() ? null : new TrainingEstimator.Budget(1e10 * (1 + r.nextInt(100)), 2.0), calibration(r));
        };
    }

    private static SearchSpace searchSpace(Random r) {
        SearchSpace.Builder b = SearchSpace.builder(1 + r.nextInt(4096), 1L + r.nextInt(32768))
                .precision(pick(r, List.of(TrainingPrecision.values()))).flashAttention(r.nextBoolean())
                .dropout(r.nextBoolean()).offload(r.nextBoolean()).hybridSharding(r.nextBoolean())
                .sequenceParallel(r.nextInt(3) == 0 ? null : r.nextBoolean()).maxMicroBatchSize(1 + r.nextInt(64))
                .maxVirtualStages(1 + r.nextInt(16)).maxDevices(r.nextInt(3) * 1024)
                .memoryUtilization(0.5 + r.nextDouble() / 2).targetStepSeconds(r.nextBoolean() ? 0 : r.nextDouble() * 60);
        if (r.nextBoolean()) {
            b.tensorParallel(1 << r.nextInt(4), 8).pipelineParallel(1 + r.nextInt(16)).microBatchSizes(1, 2, 4);
        }
        if (r.nextBoolean()) {
            b.recompute(Recompute.NONE, Recompute.FULL).zero(ZeroStage.OPTIMIZER).placements(Placement.TP_PP_DP_CP);
        }
        return b.build();
    }

    private static ModelSource model(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> new ModelSource.Preset(pick(r, PRESETS));
            case 1 -> new ModelSource.File("configs/model-" + r.nextInt(100) + "/config.json");
            default -> {
                ObjectNode config = Json.mapper().createObjectNode().put("model_type", "llama")
                        .put("hidden_size", 64 * (1 + r.nextInt(64))).put("num_hidden_layers", 1 + r.nextInt(80))
                        .put("num_attention_heads", 8).put("vocab_size", 1000 + r.nextInt(100_000));
                yield new ModelSource.Config(config, r.nextBoolean() ? null : "model " + r.nextInt(10));
            }
        };
    }

    private static HardwareSource hardware(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> new HardwareSource.Catalog("h100-test");
            case 1 -> new HardwareSource.File("hw/" + r.nextInt(10) + ".json");
            default -> new HardwareSource.Inline(JsonTestData.H100);
        };
    }

    private static ClusterSource cluster(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> new ClusterSource.Catalog("pod-test");
            case 1 -> new ClusterSource.File("clusters/" + r.nextInt(10) + ".json");
            default -> new ClusterSource.Inline(JsonTestData.POD);
        };
    }

    private static ServingPlan servingPlan(Random r) {
        while (true) {
            try {
                Precision p = new Precision(WeightFormat.parse(r.nextBoolean() ? pick(r, WeightFormat.NAMES) : "int4-g" + (1 + r.nextInt(256))),
                        pick(r, List.of(DataType.BF16, DataType.FP16, DataType.FP8_E4M3, DataType.INT8, DataType.FP32)),
                        KvFormat.parse(pick(r, KvFormat.NAMES)));
                return ServingPlan.builder().precision(p).tensorParallel(1 + r.nextInt(16)).pipelineParallel(1 + r.nextInt(4))
                        .batch(1 + r.nextInt(512)).promptTokens(1 + r.nextInt(100_000)).outputTokens(1 + r.nextInt(10_000))
                        .attentionKernel(pick(r, List.of(AttentionKernel.values()))).mlaForm(pick(r, List.of(MlaForm.values())))
                        .memoryUtilization(1 - r.nextDouble()).kvBlockTokens(1 + r.nextInt(64))
                        .runtimeReserveBytes(r.nextInt(1 << 30)).build();
            } catch (IllegalArgumentException incompatibleFormats) {
                // weights and activations of one width that mix integer and float: draw again
            }
        }
    }

    private static TrainingPlanSpec trainingPlan(Random r) {
        return TrainingPlanSpec.builder().tensorParallel(1 + r.nextInt(8)).pipelineParallel(1 + r.nextInt(8))
                .virtualStages(1 + r.nextInt(3)).dataParallel(r.nextBoolean() ? null : 1 + r.nextInt(64))
                .contextParallel(1 + r.nextInt(4)).expertParallel(1 + r.nextInt(8)).sequenceParallel(r.nextBoolean())
                .zero(pick(r, List.of(ZeroStage.values()))).hybridSharding(r.nextBoolean()).microBatchSize(1 + r.nextInt(8))
                .globalBatchSize(r.nextBoolean() ? null : 1 + r.nextInt(4096))
                .sequenceTokens(r.nextBoolean() ? null : 1L + r.nextInt(131_072))
                .recompute(pick(r, List.of(Recompute.values()))).offload(pick(r, List.of(Offload.values())))
                .precision(pick(r, List.of(TrainingPrecision.values()))).optimizer(pick(r, List.of(Optimizer.values())))
                .flashAttention(r.nextBoolean()).dropout(r.nextBoolean()).unevenPipeline(r.nextBoolean())
                .placement(pick(r, List.of(Placement.values()))).build();
    }

    /** No profile, or one measured on the test H100: 2.9 to 3.3 TB/s achieved, 1 to 3 us per kernel. */
    private static CalibrationProfile calibration(Random r) {
        return r.nextBoolean() ? null
                : new CalibrationProfile("h100-test", 2.9e12 + r.nextDouble() * 0.4e12, 1e-6 + r.nextDouble() * 2e-6, null,
                        List.of(), List.of());
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    @ParameterizedTest
    @MethodSource("requestSeeds")
    void request_kindIsAKnownKind(long seed) {
        assertTrue(RequestJson.kinds().contains(randomRequest(new Random(seed)).kind()));
    }
}
