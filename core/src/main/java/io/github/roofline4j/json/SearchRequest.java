package io.github.roofline4j.json;

import io.github.roofline4j.calibration.CalibrationProfile;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.search.Objective;
import io.github.roofline4j.search.SearchListener;
import io.github.roofline4j.search.SearchSpace;
import io.github.roofline4j.search.TrainingSearch;
import io.github.roofline4j.search.TrainingSearchResult;
import io.github.roofline4j.support.Checks;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Searches the training plans of a model on a cluster, the request behind {@code roofline4j search}:
 * <pre>{@code
 * {"kind": "search", "model": "gpt-3-175b", "hardware": "a100-sxm-80gb", "gpus": 4096,
 *  "space": {"globalBatchSize": 1536, "sequenceTokens": 2048, "tensorParallel": [4, 8], "zero": [1]},
 *  "objective": "time", "top": 5}
 * }</pre>
 * The result is the {@link TrainingSearchResult} of {@code roofline4j search --json}
 * ({@link SearchResultJson}). The space's fields are those of {@link SearchSpace} (lists as arrays,
 * recomputation and placements by their command-line names, ZeRO stages as numbers); its efficiency
 * comes from {@code calibration}, and it runs on every core.
 *
 * @param id the caller's id, or null
 * @param model the model
 * @param devices {@code gpus} of an accelerator, or a cluster
 * @param space what varies and what is fixed
 * @param objective what to rank by
 * @param top how many plans to return, &ge; 1
 * @param calibration a calibration profile of the accelerator, or null
 */
public record SearchRequest(String id, ModelSource model, Devices devices, SearchSpace space, Objective objective,
        int top, CalibrationProfile calibration) implements Request<TrainingSearchResult> {

    /** The kind. */
    public static final String KIND = "search";

    /**
     * Validates the request.
     *
     * @throws IllegalArgumentException if a part is missing, top is not positive, or an accelerator is given without gpus
     */
    public SearchRequest {
        Checks.notNull("model", model);
        Checks.notNull("devices", devices);
        Checks.notNull("space", space);
        Checks.notNull("objective", objective);
        Checks.positive("top", top);
        if (devices.hardware() != null && devices.gpus() == null) {
            throw new IllegalArgumentException("hardware needs gpus, the number of devices to train on");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public TrainingSearchResult evaluate(HardwareResolver resolver) {
        return evaluate(resolver, SearchListener.NONE);
    }

    /**
     * Searches, reporting progress; interrupting the calling thread stops the search with the
     * best plans found so far.
     *
     * @param resolver finds catalog ids
     * @param listener receives progress
     * @return the result
     * @throws IllegalArgumentException if the request cannot be answered
     */
    public TrainingSearchResult evaluate(HardwareResolver resolver, SearchListener listener) {
        TransformerSpec spec = model.resolve();
        ClusterSpec c = devices.trainingCluster(resolver);
        return TrainingSearch.run(spec, c, space.withEfficiency(Calibrations.efficiency(calibration, c.accelerator())),
                objective, top, listener);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = RequestJson.start(this);
        o.set("model", model.toJson());
        devices.writeTo(o);
        writeSpace(o.putObject("space"), space);
        o.put("objective", objective.label());
        o.put("top", top);
        Calibrations.write(o, calibration);
        return o;
    }

    private static void writeSpace(ObjectNode o, SearchSpace s) {
        o.put("globalBatchSize", s.globalBatchSize()).put("sequenceTokens", s.sequenceTokens())
                .put("precision", TrainingPlanSpec.name(s.precision())).put("optimizer", TrainingPlanSpec.name(s.optimizer()))
                .put("flashAttention", s.flashAttention()).put("dropout", s.dropout());
        integers(o, "tensorParallel", s.tensorParallel());
        integers(o, "pipelineParallel", s.pipelineParallel());
        integers(o, "contextParallel", s.contextParallel());
        integers(o, "expertParallel", s.expertParallel());
        integers(o, "microBatchSizes", s.microBatchSizes());
        integers(o, "deviceCounts", s.deviceCounts());
        ArrayNode recompute = o.putArray("recompute");
        s.recompute().forEach(r -> recompute.add(TrainingPlanSpec.name(r)));
        ArrayNode zero = o.putArray("zero");
        s.zero().forEach(z -> zero.add(z.stage()));
        if (s.sequenceParallel() != null) {
            o.put("sequenceParallel", s.sequenceParallel());
        }
        o.put("offload", s.offload()).put("hybridSharding", s.hybridSharding());
        ArrayNode placements = o.putArray("placements");
        s.placements().forEach(p -> placements.add(p.label()));
        o.put("maxMicroBatchSize", s.maxMicroBatchSize()).put("maxVirtualStages", s.maxVirtualStages())
                .put("maxContextParallel", s.maxContextParallel()).put("minTokensPerContextRank", s.minTokensPerContextRank())
                .put("maxDevices", s.maxDevices()).put("targetStepSeconds", s.targetStepSeconds())
                .put("memoryUtilization", s.memoryUtilization()).put("timeLimitSeconds", s.timeLimitSeconds());
    }

    private static void integers(ObjectNode o, String field, java.util.List<Integer> values) {
        ArrayNode a = o.putArray(field);
        values.forEach(a::add);
    }
}
