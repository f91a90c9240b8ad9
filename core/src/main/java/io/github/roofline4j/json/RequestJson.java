package io.github.roofline4j.json;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

import io.github.roofline4j.calibration.CalibrationProfile;
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.hardware.HardwareJson;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.ServingPlan;
import io.github.roofline4j.model.ModelSummary;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.parallel.Placement;
import io.github.roofline4j.parallel.TrainingPrecision;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.quant.WeightFormat;
import io.github.roofline4j.search.Objective;
import io.github.roofline4j.search.SearchSpace;
import io.github.roofline4j.search.TrainingSearchResult;
import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.JsonFields;
import io.github.roofline4j.training.TrainingEstimate;
import io.github.roofline4j.training.TrainingEstimator;
import io.github.roofline4j.units.Dimension;
import io.github.roofline4j.workload.AttentionKernel;
import io.github.roofline4j.workload.MlaForm;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads requests and reads and writes results: the one table of request kinds of the JSON API.
 *
 * <p>Each kind is one entry of {@link #KINDS}: how to read its request from a JSON object, the
 * type of its result, and how to write and read that result. A new kind (such as {@code search})
 * is a {@link Request} record and one entry here. Reading is strict ({@link JsonFields}): unknown
 * fields are errors naming their JSON path, numbers must be finite and in range, every enum
 * value is checked, and nothing is bound polymorphically: the {@code kind} field alone selects
 * the reader.
 *
 * <p>Stateless and thread-safe.
 */
public final class RequestJson {

    /** How a kind's request is read. */
    @FunctionalInterface
    interface RequestReader {
        Request<?> read(JsonFields f, String id, Context context);
    }

    /** How a kind's result is read back. */
    @FunctionalInterface
    interface ResultReader {
        Object read(JsonNode node, String source, String path);
    }

    /**
     * One kind of request.
     *
     * @param name the {@code kind}
     * @param resultType the type of its result
     * @param reader reads its request
     * @param resultWriter writes its result
     * @param resultReader reads its result back
     */
    record Kind(String name, Class<?> resultType, RequestReader reader, Function<Object, JsonNode> resultWriter,
            ResultReader resultReader) {
    }

    /** What reading needs beyond the JSON: the resolver of inline clusters' accelerator ids, and whether paths may be read. */
    record Context(HardwareResolver resolver, boolean filesAllowed) {
    }

    private static final Map<String, Kind> KINDS = kinds(
            new Kind(HardwareRequest.KIND, Accelerator.class, RequestJson::readHardwareRequest,
                    r -> HardwareJson.toJson((Accelerator) r),
                    (n, s, p) -> HardwareJson.readAccelerator(JsonFields.of(n, s, p), Map.of())),
            new Kind(ClusterRequest.KIND, ClusterSpec.class, RequestJson::readClusterRequest,
                    r -> HardwareJson.toJson((ClusterSpec) r),
                    (n, s, p) -> HardwareJson.readCluster(JsonFields.of(n, s, p), HardwareResolver.none()::accelerator)),
            new Kind(ModelRequest.KIND, ModelSummary.class, RequestJson::readModelRequest, RequestJson::tree,
                    (n, s, p) -> bind(n, s, p, ModelSummary.class)),
            new Kind(InferenceRequest.KIND, InferenceEstimate.class, RequestJson::readInferenceRequest, RequestJson::tree,
                    (n, s, p) -> bind(n, s, p, InferenceEstimate.class)),
            new Kind(TrainingRequest.KIND, TrainingEstimate.class, RequestJson::readTrainingRequest, RequestJson::tree,
                    (n, s, p) -> bind(n, s, p, TrainingEstimate.class)),
            new Kind(SearchRequest.KIND, TrainingSearchResult.class, RequestJson::readSearchRequest,
                    r -> SearchResultJson.write((TrainingSearchResult) r), SearchResultJson::read));

    private RequestJson() {
    }

    private static Map<String, Kind> kinds(Kind... kinds) {
        Map<String, Kind> m = new LinkedHashMap<>();
        for (Kind k : kinds) {
            m.put(k.name(), k);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Returns the kinds of request, in documentation order.
     *
     * @return the kind names
     */
    public static List<String> kinds() {
        return List.copyOf(KINDS.keySet());
    }

    /**
     * Parses one request from JSON text, with the built-in catalog (if on the class path) for
     * ids and with file paths allowed.
     *
     * @param json the request object
     * @param source a description of the input, for messages
     * @return the request
     * @throws InvalidInputException naming the JSON path of the problem
     */
    public static Request<?> parse(String json, String source) {
        return read(Json.parse(json, source), source, "$", HardwareResolver.discover(), true);
    }

    /**
     * Reads one request object.
     *
     * @param node the object
     * @param source a description of the input, for messages
     * @param path the JSON path of the object
     * @param resolver finds the accelerator ids of inline clusters
     * @param filesAllowed whether {@code {"path": ...}} sources may be read
     * @return the request
     * @throws InvalidInputException naming the JSON path of the problem
     */
    public static Request<?> read(JsonNode node, String source, String path, HardwareResolver resolver,
            boolean filesAllowed) {
        JsonFields f = JsonFields.of(node, source, path);
        String kind = f.string("kind");
        Kind k = KINDS.get(kind);
        if (k == null) {
            throw f.error("kind", "unknown kind '" + kind + "'; expected one of " + String.join(", ", KINDS.keySet()));
        }
        String id = f.optionalString("id").orElse(null);
        Request<?> request = k.reader().read(f, id, new Context(resolver, filesAllowed));
        f.finish();
        return request;
    }

    /**
     * Writes a result of a kind.
     *
     * @param kind the kind
     * @param result the result, of the kind's result type
     * @return the JSON
     * @throws IllegalArgumentException if the kind is unknown or the result of another type
     */
    public static JsonNode writeResult(String kind, Object result) {
        Kind k = kind(kind);
        if (!k.resultType().isInstance(result)) {
            throw new IllegalArgumentException("result of kind " + kind + " must be a " + k.resultType().getSimpleName()
                    + ", was " + (result == null ? "null" : result.getClass().getSimpleName()));
        }
        return k.resultWriter().apply(result);
    }

    /**
     * Reads a result of a kind back.
     *
     * @param kind the kind
     * @param node the result's JSON
     * @param source a description of the input, for messages
     * @param path the JSON path of the result
     * @return the result
     * @throws InvalidInputException if the JSON is not a result of the kind
     */
    public static Object readResult(String kind, JsonNode node, String source, String path) {
        return kind(kind).resultReader().read(node, source, path);
    }

    /**
     * Returns the result type of a kind.
     *
     * @param kind the kind
     * @return the type
     * @throws IllegalArgumentException if the kind is unknown
     */
    public static Class<?> resultType(String kind) {
        return kind(kind).resultType();
    }

    private static Kind kind(String kind) {
        Kind k = kind == null ? null : KINDS.get(kind);
        if (k == null) {
            throw new IllegalArgumentException("unknown kind '" + kind + "'; expected one of " + String.join(", ", KINDS.keySet()));
        }
        return k;
    }

    private static JsonNode tree(Object value) {
        return Json.mapper().valueToTree(value);
    }

    static <T> T bind(JsonNode node, String source, String path, Class<T> type) {
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JacksonException e) {
            String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            int newline = message.indexOf('\n');
            throw new InvalidInputException(source, path, "not a " + type.getSimpleName() + ": "
                    + (newline >= 0 ? message.substring(0, newline) : message));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, path, "not a " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Starts a request object with its kind and id. */
    static ObjectNode start(Request<?> r) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("kind", r.kind());
        if (r.id() != null) {
            o.put("id", r.id());
        }
        return o;
    }

    // ---- the kinds' readers

    private static Request<?> readHardwareRequest(JsonFields f, String id, Context c) {
        HardwareSource hardware = hardwareSource(f, c).orElseThrow(() -> f.error("hardware",
                "missing required field, expected an accelerator id, {\"path\": ...} or an accelerator object"));
        return f.build(() -> new HardwareRequest(id, hardware));
    }

    private static Request<?> readClusterRequest(JsonFields f, String id, Context c) {
        ClusterSource cluster = clusterSource(f, c).orElseThrow(() -> f.error("cluster",
                "missing required field, expected a cluster id, {\"path\": ...} or a cluster object"));
        Integer gpus = boxed(f.optionalInteger("gpus"));
        return f.build(() -> new ClusterRequest(id, cluster, gpus));
    }

    private static Request<?> readModelRequest(JsonFields f, String id, Context c) {
        ModelSource model = modelSource(f, "model", c);
        Long tokens = boxed(optionalLong(f, "sequenceTokens"));
        KvFormat kv = parsed(f, "kvCache", KvFormat::parse).orElse(KvFormat.plain(DataType.BF16));
        return f.build(() -> new ModelRequest(id, model, tokens, kv));
    }

    private static Request<?> readInferenceRequest(JsonFields f, String id, Context c) {
        ModelSource model = modelSource(f, "model", c);
        Devices devices = devices(f, c);
        Optional<JsonFields> plan = f.optionalObject("plan");
        ServingPlan servingPlan;
        SpeculationSpec speculation;
        if (plan.isPresent()) {
            JsonFields p = plan.get();
            servingPlan = servingPlan(p);
            speculation = p.optionalObject("speculation").map(s -> speculation(s, c)).orElse(null);
            p.finish();
        } else {
            servingPlan = ServingPlan.builder().build();
            speculation = null;
        }
        CalibrationProfile calibration = calibration(f, c);
        return f.build(() -> new InferenceRequest(id, model, devices, servingPlan, speculation, calibration));
    }

    private static Request<?> readTrainingRequest(JsonFields f, String id, Context c) {
        ModelSource model = modelSource(f, "model", c);
        Devices devices = devices(f, c);
        TrainingPlanSpec plan = f.optionalObject("plan").map(RequestJson::trainingPlan)
                .orElseGet(() -> TrainingPlanSpec.builder().build());
        TrainingEstimator.Budget budget = f.optionalObject("budget").map(b -> {
            double tokens = optionalDouble(b, "tokens").orElseThrow(() -> b.error("tokens",
                    "missing required field, expected the tokens to train on"));
            OptionalDouble price = optionalDouble(b, "pricePerDeviceHour");
            b.finish();
            return b.build(() -> new TrainingEstimator.Budget(tokens, price.isPresent() ? price.getAsDouble() : null));
        }).orElse(null);
        CalibrationProfile calibration = calibration(f, c);
        return f.build(() -> new TrainingRequest(id, model, devices, plan, budget, calibration));
    }

    private static Request<?> readSearchRequest(JsonFields f, String id, Context c) {
        ModelSource model = modelSource(f, "model", c);
        Devices devices = devices(f, c);
        SearchSpace space = searchSpace(f.object("space"));
        Objective objective = parsed(f, "objective", Objective::parse).orElse(Objective.TIME);
        int top = f.optionalInteger("top").orElse(5);
        CalibrationProfile calibration = calibration(f, c);
        return f.build(() -> new SearchRequest(id, model, devices, space, objective, top, calibration));
    }

    private static SearchSpace searchSpace(JsonFields s) {
        int global = s.integer("globalBatchSize");
        long tokens = optionalLong(s, "sequenceTokens").orElseThrow(() -> s.error("sequenceTokens",
                "missing required field, expected the tokens per sequence"));
        SearchSpace.Builder b = SearchSpace.builder(global, tokens);
        parsed(s, "precision", v -> TrainingPlanSpec.choice("precision", v, TrainingPrecision.class, Map.of()))
                .ifPresent(b::precision);
        parsed(s, "optimizer", v -> TrainingPlanSpec.optimizer("optimizer", v)).ifPresent(b::optimizer);
        b.flashAttention(s.bool("flashAttention", true));
        b.dropout(s.bool("dropout", false));
        b.tensorParallel(integers(s, "tensorParallel"));
        b.pipelineParallel(integers(s, "pipelineParallel"));
        b.contextParallel(integers(s, "contextParallel"));
        b.expertParallel(integers(s, "expertParallel"));
        b.microBatchSizes(integers(s, "microBatchSizes"));
        b.deviceCounts(integers(s, "deviceCounts"));
        List<String> recompute = s.strings("recompute");
        if (!recompute.isEmpty()) {
            b.recompute(s.build(() -> recompute.stream()
                    .map(v -> TrainingPlanSpec.choice("recompute", v, Recompute.class, Map.of())).toArray(Recompute[]::new)));
        }
        Integer[] zero = integers(s, "zero");
        if (zero.length > 0) {
            b.zero(s.build(() -> java.util.Arrays.stream(zero).map(ZeroStage::of).toArray(ZeroStage[]::new)));
        }
        JsonNode sp = s.raw("sequenceParallel");
        if (sp != null) {
            if (!sp.isBoolean()) {
                throw s.error("sequenceParallel", "expected true, false or null (both), was " + sp);
            }
            b.sequenceParallel(sp.booleanValue());
        }
        b.offload(s.bool("offload", true));
        b.hybridSharding(s.bool("hybridSharding", true));
        List<String> placements = s.strings("placements");
        if (!placements.isEmpty()) {
            b.placements(s.build(() -> placements.stream().map(Placement::parse).toArray(Placement[]::new)));
        }
        s.optionalInteger("maxMicroBatchSize").ifPresent(b::maxMicroBatchSize);
        s.optionalInteger("maxVirtualStages").ifPresent(b::maxVirtualStages);
        s.optionalInteger("maxContextParallel").ifPresent(b::maxContextParallel);
        s.optionalInteger("minTokensPerContextRank").ifPresent(b::minTokensPerContextRank);
        s.optionalInteger("maxDevices").ifPresent(b::maxDevices);
        optionalDouble(s, "targetStepSeconds").ifPresent(b::targetStepSeconds);
        optionalDouble(s, "memoryUtilization").ifPresent(b::memoryUtilization);
        optionalDouble(s, "timeLimitSeconds").ifPresent(b::timeLimitSeconds);
        s.finish();
        return s.build(b::build);
    }

    /** An optional array of integers, empty when absent. */
    private static Integer[] integers(JsonFields f, String field) {
        JsonNode v = f.raw(field);
        if (v == null) {
            return new Integer[0];
        }
        if (!v.isArray()) {
            throw f.error(field, "expected an array of integers, was " + v.getNodeType());
        }
        Integer[] out = new Integer[v.size()];
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                throw new InvalidInputException(f.source(), f.pathOf(field) + "[" + i + "]",
                        "expected an integer, was " + e);
            }
            out[i] = e.intValue();
        }
        return out;
    }

    // ---- plans

    private static ServingPlan servingPlan(JsonFields p) {
        ServingPlan.Builder b = ServingPlan.builder();
        p.optionalInteger("tensorParallel").ifPresent(b::tensorParallel);
        p.optionalInteger("pipelineParallel").ifPresent(b::pipelineParallel);
        p.optionalInteger("batch").ifPresent(b::batch);
        optionalLong(p, "promptTokens").ifPresent(b::promptTokens);
        optionalLong(p, "outputTokens").ifPresent(b::outputTokens);
        WeightFormat weights = parsed(p, "weights", WeightFormat::parse).orElse(WeightFormat.plain(DataType.BF16));
        DataType activations = parsed(p, "activations", DataType::parse).orElse(DataType.BF16);
        KvFormat kv = parsed(p, "kvCache", KvFormat::parse).orElseGet(() -> KvFormat.forActivations(activations));
        b.precision(p.build(() -> new Precision(weights, activations, kv)));
        parsed(p, "attentionKernel", v -> TrainingPlanSpec.choice("attentionKernel", v, AttentionKernel.class, Map.of()))
                .ifPresent(b::attentionKernel);
        parsed(p, "mlaForm", v -> TrainingPlanSpec.choice("mlaForm", v, MlaForm.class, Map.of())).ifPresent(b::mlaForm);
        optionalDouble(p, "memoryUtilization").ifPresent(b::memoryUtilization);
        p.optionalInteger("kvBlockTokens").ifPresent(b::kvBlockTokens);
        p.optionalWholeNumber("runtimeReserveBytes", Dimension.BYTES).ifPresent(b::runtimeReserveBytes);
        return p.build(b::build);
    }

    private static SpeculationSpec speculation(JsonFields s, Context c) {
        JsonNode draft = s.raw("draft");
        ModelSource model = draft != null && draft.isString() && draft.stringValue().equalsIgnoreCase("self") ? null
                : modelSource(s, "draft", c);
        int k = s.optionalInteger("proposedTokens").orElse(SpeculationSpec.DEFAULT_PROPOSED_TOKENS);
        double rate = optionalDouble(s, "acceptanceRate").orElse(SpeculationSpec.DEFAULT_ACCEPTANCE_RATE);
        s.finish();
        return s.build(() -> new SpeculationSpec(model, k, rate));
    }

    /**
     * Writes a serving plan as the {@code plan} of an inference request.
     *
     * @param o the object to write into
     * @param plan the plan
     * @param speculation the speculation, or null
     */
    static void writeServingPlan(ObjectNode o, ServingPlan plan, SpeculationSpec speculation) {
        o.put("tensorParallel", plan.tensorParallel()).put("pipelineParallel", plan.pipelineParallel())
                .put("batch", plan.batch()).put("promptTokens", plan.promptTokens()).put("outputTokens", plan.outputTokens())
                .put("weights", plan.precision().weights().name()).put("activations", plan.precision().activations().cliName())
                .put("kvCache", plan.precision().kvCache().name())
                .put("attentionKernel", TrainingPlanSpec.name(plan.attentionKernel()))
                .put("mlaForm", TrainingPlanSpec.name(plan.mlaForm())).put("memoryUtilization", plan.memoryUtilization())
                .put("kvBlockTokens", plan.kvBlockTokens()).put("runtimeReserveBytes", plan.runtimeReserveBytes());
        if (speculation != null) {
            ObjectNode s = o.putObject("speculation");
            if (speculation.draft() == null) {
                s.put("draft", "self");
            } else {
                s.set("draft", speculation.draft().toJson());
            }
            s.put("proposedTokens", speculation.proposedTokens()).put("acceptanceRate", speculation.acceptanceRate());
        }
    }

    static TrainingPlanSpec trainingPlan(JsonFields p) {
        TrainingPlanSpec.Builder b = TrainingPlanSpec.builder();
        p.optionalInteger("tensorParallel").ifPresent(b::tensorParallel);
        p.optionalInteger("pipelineParallel").ifPresent(b::pipelineParallel);
        p.optionalInteger("virtualStages").ifPresent(b::virtualStages);
        b.dataParallel(boxed(p.optionalInteger("dataParallel")));
        p.optionalInteger("contextParallel").ifPresent(b::contextParallel);
        p.optionalInteger("expertParallel").ifPresent(b::expertParallel);
        b.sequenceParallel(p.bool("sequenceParallel", false));
        OptionalInt zero = p.optionalInteger("zero");
        if (zero.isPresent()) {
            b.zero(p.build(() -> ZeroStage.of(zero.getAsInt())));
        }
        b.hybridSharding(p.bool("hybridSharding", false));
        p.optionalInteger("microBatchSize").ifPresent(b::microBatchSize);
        b.globalBatchSize(boxed(p.optionalInteger("globalBatchSize")));
        b.sequenceTokens(boxed(optionalLong(p, "sequenceTokens")));
        parsed(p, "recompute", v -> TrainingPlanSpec.choice("recompute", v, Recompute.class, Map.of())).ifPresent(b::recompute);
        parsed(p, "offload", v -> TrainingPlanSpec.offload("offload", v)).ifPresent(b::offload);
        parsed(p, "precision", v -> TrainingPlanSpec.choice("precision", v, TrainingPrecision.class, Map.of()))
                .ifPresent(b::precision);
        parsed(p, "optimizer", v -> TrainingPlanSpec.optimizer("optimizer", v)).ifPresent(b::optimizer);
        b.flashAttention(p.bool("flashAttention", true));
        b.dropout(p.bool("dropout", false));
        b.unevenPipeline(p.bool("unevenPipeline", false));
        parsed(p, "placement", Placement::parse).ifPresent(b::placement);
        p.finish();
        return p.build(b::build);
    }

    // ---- sources

    private static ModelSource modelSource(JsonFields f, String field, Context c) {
        JsonNode v = f.raw(field);
        if (v == null) {
            throw f.error(field, "missing required field, expected a preset id, {\"path\": ...} or {\"config\": {...}}");
        }
        if (v.isString()) {
            return f.build(() -> new ModelSource.Preset(v.stringValue()));
        }
        if (!v.isObject()) {
            throw f.error(field, "expected a preset id, {\"path\": ...} or {\"config\": {...}}, was " + v.getNodeType());
        }
        JsonFields m = JsonFields.of(v, f.source(), f.pathOf(field));
        ModelSource source;
        if (v.has("path")) {
            source = new ModelSource.File(path(m, c));
        } else {
            JsonNode config = m.optionalObject("config").map(x -> v.get("config"))
                    .orElseThrow(() -> m.error("expected {\"path\": ...} or {\"config\": {...}, \"name\": ...}"));
            String name = m.optionalString("name").orElse(null);
            source = m.build(() -> new ModelSource.Config(config, name));
        }
        m.finish();
        return source;
    }

    private static Optional<HardwareSource> hardwareSource(JsonFields f, Context c) {
        return source(f, "hardware", c, HardwareSource.Catalog::new, HardwareSource.File::new,
                h -> new HardwareSource.Inline(HardwareJson.readAccelerator(h, Map.of())));
    }

    private static Optional<ClusterSource> clusterSource(JsonFields f, Context c) {
        return source(f, "cluster", c, ClusterSource.Catalog::new, ClusterSource.File::new,
                h -> new ClusterSource.Inline(HardwareJson.readCluster(h, c.resolver()::accelerator)));
    }

    /** Reads a catalog id (a string), a file ({@code {"path": ...}}) or an inline object. */
    private static <T> Optional<T> source(JsonFields f, String field, Context c, Function<String, T> catalog,
            Function<String, T> file, Function<JsonFields, T> inline) {
        JsonNode v = f.raw(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v.isString()) {
            return Optional.of(f.build(() -> catalog.apply(v.stringValue())));
        }
        JsonFields o = JsonFields.of(v, f.source(), f.pathOf(field));
        if (v.has("path")) {
            String p = path(o, c);
            o.finish();
            return Optional.of(file.apply(p));
        }
        return Optional.of(inline.apply(o));
    }

    /** Reads an optional calibration profile: {@code {"path": ...}} or the profile inline. */
    private static CalibrationProfile calibration(JsonFields f, Context c) {
        return source(f, "calibration", c, id -> {
            throw f.error("calibration", "expected {\"path\": ...} or a calibration profile object, was a string");
        }, path -> CalibrationProfile.read(Path.of(path)),
                p -> CalibrationProfile.parseJson(Json.write(f.raw("calibration")), f.source() + " " + p.path()))
                .orElse(null);
    }

    private static Devices devices(JsonFields f, Context c) {
        Optional<HardwareSource> hardware = hardwareSource(f, c);
        Optional<ClusterSource> cluster = clusterSource(f, c);
        Integer gpus = boxed(f.optionalInteger("gpus"));
        return f.build(() -> new Devices(hardware.orElse(null), cluster.orElse(null), gpus));
    }

    private static String path(JsonFields f, Context c) {
        if (!c.filesAllowed()) {
            throw f.error("path", "reading files is not allowed here; give the description inline");
        }
        return f.string("path");
    }

    // ---- values

    private static <T> Optional<T> parsed(JsonFields f, String field, Function<String, T> parser) {
        Optional<String> v = f.optionalString(field);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(v.get()));
        } catch (InvalidInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw f.error(field, e.getMessage());
        }
    }

    static OptionalLong optionalLong(JsonFields f, String field) {
        JsonNode v = f.raw(field);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!v.isIntegralNumber()) {
            throw f.error(field, "expected an integer, was " + v);
        }
        if (!v.canConvertToLong()) {
            throw f.error(field, "must fit in a 64-bit integer, was " + v);
        }
        return OptionalLong.of(v.longValue());
    }

    static OptionalDouble optionalDouble(JsonFields f, String field) {
        JsonNode v = f.raw(field);
        if (v == null) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber()) {
            throw f.error(field, "expected a number, was " + v);
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw f.error(field, "must be finite, was " + v);
        }
        return OptionalDouble.of(d + 0.0);
    }

    private static Integer boxed(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }

    private static Long boxed(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }
}
