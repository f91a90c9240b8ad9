package io.github.roofline4j.json;

import io.github.roofline4j.model.ModelSummary;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.support.Checks;
import tools.jackson.databind.node.ObjectNode;

/**
 * Summarizes a model: {@code {"kind": "model", "model": "llama-3.1-70b", "sequenceTokens": 8192,
 * "kvCache": "fp8"}}; the result is the {@link ModelSummary} of {@code roofline4j model show --json}.
 *
 * @param id the caller's id, or null
 * @param model the model
 * @param sequenceTokens the sequence of the FLOPs and KV figures, or null for {@link ModelSummary#defaultSequenceTokens}
 * @param kvCache the KV-cache format (bf16 when not given)
 */
public record ModelRequest(String id, ModelSource model, Long sequenceTokens, KvFormat kvCache)
        implements Request<ModelSummary> {

    /** The kind. */
    public static final String KIND = "model";

    /**
     * Validates the request.
     *
     * @throws IllegalArgumentException if the model or format is missing or the sequence not positive
     */
    public ModelRequest {
        Checks.notNull("model", model);
        Checks.notNull("kvCache", kvCache);
        if (sequenceTokens != null) {
            Checks.positive("sequenceTokens", sequenceTokens);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ModelSummary evaluate(HardwareResolver resolver) {
        TransformerSpec spec = model.resolve();
        long tokens = sequenceTokens != null ? sequenceTokens : ModelSummary.defaultSequenceTokens(spec);
        return ModelSummary.of(spec, model.provenance(), tokens, kvCache, model.notes());
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = RequestJson.start(this);
        o.set("model", model.toJson());
        if (sequenceTokens != null) {
            o.put("sequenceTokens", sequenceTokens);
        }
        o.put("kvCache", kvCache.name());
        return o;
    }
}
