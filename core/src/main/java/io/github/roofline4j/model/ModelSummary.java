package io.github.roofline4j.model;

import java.util.ArrayList;
import java.util.List;

import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.support.Report;
import io.github.roofline4j.support.TextTable;
import io.github.roofline4j.units.UnitFormat;

/**
 * What a model is and costs, in one value: its shape, its parameters by component, the FLOPs of a
 * token at a sequence length and its KV cache. It is the result of {@code roofline4j model show}
 * and its JSON form (the record components are the JSON keys).
 *
 * <p>FLOPs are per token of a sequence of {@code sequenceTokens} with a causal mask (the mean
 * over the sequence, {@link AttentionMask#CAUSAL}); training FLOPs are the model FLOPs of
 * {@link TransformerSpec#trainingFlopsPerToken(long, AttentionMask, Recompute)} without
 * recomputation (three forward passes). KV bytes are in a {@link KvFormat}, scales included.
 * Encoder-decoder models get no FLOPs or KV figures: those components are {@code null}, and the
 * JSON form writes them as {@code null} (the keys are always present).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the model's name
 * @param source where the configuration comes from, for presets; null otherwise
 * @param layers decoder layers
 * @param encoderLayers encoder layers, 0 for decoder-only
 * @param hiddenSize the model width
 * @param vocabSize the vocabulary
 * @param maxPositionEmbeddings the longest supported context, tokens
 * @param attention the attention kind: MHA, GQA, MQA or MLA
 * @param headCount query heads
 * @param kvHeadCount key/value heads
 * @param headDim query/key head dimension
 * @param slidingWindowTokens the sliding window, null without one
 * @param slidingWindowLayers layers using the window
 * @param intermediateSize the dense MLP width
 * @param moeLayers MoE layers, 0 for dense models
 * @param routedExperts routed experts per MoE layer, null for dense models
 * @param expertsPerToken experts per token, null for dense models
 * @param parameters total parameters (without multi-token prediction)
 * @param activeParameters parameters one token uses
 * @param embeddingParameters token and position embeddings and an untied head
 * @param nonEmbeddingParameters the rest
 * @param parameterBreakdown the parameters by component
 * @param sequenceTokens the sequence length of the FLOPs and KV figures
 * @param kvCacheFormat the KV-cache format's name, as {@link KvFormat#parse(String)} reads it, such as {@code bf16} or {@code int8}
 * @param forwardFlopsPerToken forward FLOPs per token, null for encoder-decoder models
 * @param forwardFlops the forward FLOPs by kind, null for encoder-decoder models
 * @param trainingFlopsPerToken training (model) FLOPs per token, null for encoder-decoder models
 * @param sixNFlopsPerToken 6 &times; active non-embedding parameters, for comparison
 * @param kvCacheBytesPerToken KV bytes per token without windows, scales included, null for encoder-decoder models
 * @param kvCacheBytesAtSequence KV bytes of one sequence of sequenceTokens with windows, scales included, null for encoder-decoder models
 * @param notes caveats
 */
public record ModelSummary(
        String name,
        String source,
        int layers,
        int encoderLayers,
        int hiddenSize,
        int vocabSize,
        int maxPositionEmbeddings,
        String attention,
        int headCount,
        int kvHeadCount,
        int headDim,
        Integer slidingWindowTokens,
        int slidingWindowLayers,
        int intermediateSize,
        int moeLayers,
        Integer routedExperts,
        Integer expertsPerToken,
        long parameters,
        long activeParameters,
        long embeddingParameters,
        long nonEmbeddingParameters,
        ParameterCount parameterBreakdown,
        long sequenceTokens,
        String kvCacheFormat,
        Double forwardFlopsPerToken,
        ForwardFlops forwardFlops,
        Double trainingFlopsPerToken,
        double sixNFlopsPerToken,
        Long kvCacheBytesPerToken,
        Long kvCacheBytesAtSequence,
        List<String> notes) {

    /** The sequence length used when none is given: 4096 tokens, or the model's maximum if shorter. */
    public static final int DEFAULT_SEQUENCE_TOKENS = 4096;

    /**
     * Copies the notes.
     *
     * @throws IllegalArgumentException if the name, the KV-cache format or the notes are missing
     */
    public ModelSummary {
        Checks.notBlank("name", name);
        Checks.notBlank("kvCacheFormat", kvCacheFormat);
        Checks.notNull("notes", notes);
        notes = List.copyOf(notes);
    }

    /**
     * Summarizes a model.
     *
     * @param spec the model
     * @param source where its configuration comes from, or null
     * @param sequenceTokens the sequence length, tokens, in [1, maxPositionEmbeddings]
     * @param kvFormat the KV-cache format
     * @param notes caveats to carry
     * @return the summary
     * @throws IllegalArgumentException if the sequence is out of range, or an argument is null
     */
    public static ModelSummary of(TransformerSpec spec, String source, long sequenceTokens, KvFormat kvFormat,
            List<String> notes) {
        Checks.notNull("spec", spec);
        Checks.notNull("kvFormat", kvFormat);
        Checks.notNull("notes", notes);
        if (sequenceTokens < 1 || sequenceTokens > spec.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("sequenceTokens must be in [1, " + spec.maxPositionEmbeddings()
                    + "] (the model's maxPositionEmbeddings), was " + sequenceTokens);
        }
        ParameterCount p = spec.parameterCount();
        Attention a = spec.attention();
        boolean decoderOnly = spec.isDecoderOnly();
        ForwardFlops f = decoderOnly ? spec.forwardFlopsPerToken(sequenceTokens, AttentionMask.CAUSAL) : null;
        TrainingFlops training = decoderOnly
                ? spec.trainingFlopsPerToken(sequenceTokens, AttentionMask.CAUSAL, Recompute.NONE) : null;
        List<String> allNotes = new ArrayList<>(notes);
        if (!decoderOnly) {
            allNotes.add("FLOPs and KV-cache figures are modelled for decoder-only models only.");
        }
        return new ModelSummary(spec.name(), source, spec.layerCount(), spec.encoderLayerCount(), spec.hiddenSize(),
                spec.vocabSize(), spec.maxPositionEmbeddings(), a.kind(), a.headCount(), a.kvHeadCount(), a.headDim(),
                a.slidingWindowTokens().isPresent() ? a.slidingWindowTokens().getAsInt() : null,
                a.slidingWindowLayerCount(), spec.mlp().intermediateSize(), spec.moeLayerCount(),
                spec.moe().map(Moe::routedExperts).orElse(null), spec.moe().map(Moe::expertsPerToken).orElse(null),
                p.total(), p.active(), p.embedding(), p.nonEmbedding(), p, sequenceTokens, kvFormat.name(),
                f == null ? null : f.total(), f, training == null ? null : training.modelFlops(),
                FlopFormulas.sixN(p.active() - p.embedding()),
                decoderOnly ? spec.kvCacheBytesPerToken(kvFormat) : null,
                decoderOnly ? spec.kvCacheBytes(sequenceTokens, kvFormat) : null, allNotes);
    }

    /**
     * Returns the sequence length used by default for a model.
     *
     * @param spec the model
     * @return min(4096, maxPositionEmbeddings)
     */
    public static int defaultSequenceTokens(TransformerSpec spec) {
        return Math.min(DEFAULT_SEQUENCE_TOKENS, spec.maxPositionEmbeddings());
    }

    /**
     * Renders the summary as a readable table.
     *
     * @return the text
     */
    public String table() {
        return report().text();
    }

    /**
     * Renders the same as {@link #table()} as HTML, for notebooks.
     *
     * @return an HTML fragment
     */
    public String toHtml() {
        return report().html();
    }

    private Report report() {
        Report s = new Report().line(name);
        TextTable t = TextTable.withHeader("figure", "value");
        t.row("layers", encoderLayers > 0 ? encoderLayers + " encoder + " + layers + " decoder" : String.valueOf(layers));
        t.row("hidden size", hiddenSize);
        t.row("vocabulary", vocabSize);
        t.row("max context", maxPositionEmbeddings + " tokens");
        t.row("attention", attention + ", " + headCount + " heads, " + kvHeadCount + " KV heads, head dim " + headDim
                + (slidingWindowTokens == null ? "" : ", window " + slidingWindowTokens + " in " + slidingWindowLayers
                        + " layers"));
        t.row("MLP", moeLayers == 0 ? "dense, " + intermediateSize
                : moeLayers + " MoE layers, " + expertsPerToken + " of " + routedExperts + " experts per token");
        t.row("parameters", UnitFormat.count(parameters) + " (" + parameters + ")");
        if (activeParameters != parameters) {
            t.row("active per token", UnitFormat.count(activeParameters) + " (" + activeParameters + ")");
        }
        t.row("embedding / non-embedding", UnitFormat.count(embeddingParameters) + " / "
                + UnitFormat.count(nonEmbeddingParameters));
        if (parameterBreakdown.multiTokenPrediction() > 0) {
            t.row("MTP module (apart)", UnitFormat.count(parameterBreakdown.multiTokenPrediction()));
        }
        if (forwardFlops != null) {
            t.row("forward FLOPs per token", UnitFormat.flops(forwardFlopsPerToken) + " at " + sequenceTokens
                    + " tokens, causal (matmul " + UnitFormat.flops(forwardFlops.matmulFlops()) + ", attention "
                    + UnitFormat.flops(forwardFlops.attentionFlops()) + ", logits "
                    + UnitFormat.flops(forwardFlops.logitsFlops()) + ")");
            t.row("training FLOPs per token", UnitFormat.flops(trainingFlopsPerToken) + " (6N: "
                    + UnitFormat.flops(sixNFlopsPerToken) + ")");
            t.row("KV cache per token", UnitFormat.binaryBytes(kvCacheBytesPerToken) + " in " + kvCacheFormat);
            t.row("KV cache at " + sequenceTokens + " tokens", UnitFormat.binaryBytes(kvCacheBytesAtSequence)
                    + " per sequence");
        }
        s.table(t).section("Parameters by component");
        TextTable b = TextTable.withHeader("component", "parameters").rightAligned("parameters");
        ParameterCount p = parameterBreakdown;
        row(b, "token embeddings", p.tokenEmbeddings());
        row(b, "position embeddings", p.positionEmbeddings());
        row(b, "attention", p.attention());
        row(b, "MLP (dense layers)", p.mlp());
        row(b, "routed experts", p.routedExperts());
        row(b, "shared experts", p.sharedExperts());
        row(b, "routers", p.router());
        row(b, "norms", p.norms());
        row(b, "output head", p.head());
        s.table(b);
        if (source != null) {
            s.gap().line("Source: " + source);
        }
        return s.bullets(notes);
    }

    private static void row(TextTable t, String name, long value) {
        if (value > 0) {
            t.row(name, String.format(java.util.Locale.ROOT, "%,d", value));
        }
    }

    @Override
    public String toString() {
        return name + ": " + UnitFormat.count(parameters) + " parameters"
                + (activeParameters != parameters ? " (" + UnitFormat.count(activeParameters) + " active)" : "")
                + (forwardFlopsPerToken == null ? "" : ", " + UnitFormat.flops(forwardFlopsPerToken) + " per token at "
                        + sequenceTokens + " tokens, KV " + UnitFormat.binaryBytes(kvCacheBytesPerToken) + " per token");
    }
}
