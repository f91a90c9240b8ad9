package io.github.roofline4j.model;

import java.nio.file.Path;
import java.util.Optional;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.units.UnitFormat;

/**
 * The shape of a transformer: what the network is, independent of how it runs.
 *
 * <p>It expresses decoder-only models and, for counting, encoder-decoder ones; multi-head,
 * grouped-query, multi-query and multi-head latent attention; gated and plain MLPs;
 * mixture-of-experts layers with shared experts and leading dense layers; biases, LayerNorm or
 * RMSNorm; learned, rotary or relative positions; tied or untied embeddings; sliding windows; and
 * DeepSeek-V3's multi-token prediction, counted apart from the model. Build one by hand with
 * {@link #builder(String)}, from a Hugging Face {@code config.json} with
 * {@link #fromHuggingFace(Path)}, or take a preset from {@link Models}.
 *
 * <p>Paper symbols: L = {@code layerCount}, d (h in Megatron) = {@code hiddenSize}, V =
 * {@code vocabSize}, n<sub>h</sub> = heads, n<sub>g</sub> = KV heads, d<sub>h</sub> = head
 * dimension, d<sub>ff</sub> = MLP intermediate size, s = sequence length.
 *
 * <p>The math lives here, one place per formula: {@link #parameterCount()},
 * {@link #forwardFlopsPerToken(long, AttentionMask)}, {@link #trainingFlopsPerToken(long,
 * AttentionMask, Recompute)}, {@link #kvCacheBytesPerToken(KvFormat)} and
 * {@link #kvCacheBytes(long, KvFormat)} (with {@link DataType} overloads for caches without
 * scales); the published closed forms are in {@link FlopFormulas}.
 *
 * <pre>{@code
 * TransformerSpec llama = Models.get("llama-2-7b");
 * long n = llama.parameterCount().total();                          // 6,738,415,616
 * long kv = llama.kvCacheBytesPerToken(DataType.BF16);               // 524,288 (512 KiB)
 * double f = llama.forwardFlopsPerToken(4096, AttentionMask.CAUSAL).total();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name a readable name, such as {@code Llama-2-7B}
 * @param layerCount decoder layers L, &gt; 0
 * @param encoderLayerCount encoder layers of an encoder-decoder model, 0 for decoder-only
 * @param hiddenSize the model width d, &gt; 0
 * @param vocabSize the vocabulary V, &gt; 0
 * @param maxPositionEmbeddings the longest context the model supports, tokens, &gt; 0
 * @param attention the self-attention of every layer
 * @param mlp the MLP of the dense layers; its gating, bias and activation also describe the experts
 * @param moe the mixture-of-experts layers, if any
 * @param norm the kind of normalization
 * @param normsPerLayer norms in each decoder layer (2 pre-norms usually; 4 in Gemma 2), &ge; 0
 * @param positions the position encoding
 * @param tiedEmbeddings whether the output head reuses the token embedding matrix
 * @param multiTokenPredictionModules DeepSeek-V3 MTP modules (counted apart), &ge; 0
 */
public record TransformerSpec(
        String name,
        int layerCount,
        int encoderLayerCount,
        int hiddenSize,
        int vocabSize,
        int maxPositionEmbeddings,
        Attention attention,
        Mlp mlp,
        Optional<Moe> moe,
        Norm norm,
        int normsPerLayer,
        Positions positions,
        boolean tiedEmbeddings,
        int multiTokenPredictionModules) {

    /**
     * Validates the shape.
     *
     * @throws IllegalArgumentException naming the field if a size is out of range or the parts
     *         do not fit together
     */
    public TransformerSpec {
        Checks.notBlank("name", name);
        Checks.positive("layerCount", layerCount);
        Checks.nonNegative("encoderLayerCount", encoderLayerCount);
        Checks.positive("hiddenSize", hiddenSize);
        Checks.positive("vocabSize", vocabSize);
        Checks.positive("maxPositionEmbeddings", maxPositionEmbeddings);
        Checks.notNull("attention", attention);
        Checks.notNull("mlp", mlp);
        Checks.notNull("moe", moe);
        Checks.notNull("norm", norm);
        Checks.nonNegative("normsPerLayer", normsPerLayer);
        Checks.notNull("positions", positions);
        Checks.nonNegative("multiTokenPredictionModules", multiTokenPredictionModules);
        if (moe.isPresent() && moe.get().layerCount() > layerCount) {
            throw new IllegalArgumentException("moe.layerCount must be <= layerCount (" + layerCount + "), was "
                    + moe.get().layerCount());
        }
        if (attention.slidingWindowLayerCount() > layerCount) {
            throw new IllegalArgumentException("attention.slidingWindowLayerCount must be <= layerCount (" + layerCount
                    + "), was " + attention.slidingWindowLayerCount());
        }
        if (encoderLayerCount > 0 && attention.mla().isPresent()) {
            throw new IllegalArgumentException("encoder-decoder models with MLA are not modelled");
        }
        // guard every product the counts form against long overflow
        ParameterMath.count(layerCount, encoderLayerCount, hiddenSize, vocabSize, attention, mlp, moe, norm,
                normsPerLayer, positions, tiedEmbeddings, multiTokenPredictionModules);
    }

    /**
     * Starts building a spec; see {@link Builder} for the defaults.
     *
     * @param name a readable name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Reads a Hugging Face {@code config.json}; see {@link HuggingFaceConfig}.
     *
     * @param configFile the file
     * @return the spec
     * @throws io.github.roofline4j.support.InvalidInputException if the file is unreadable,
     *         malformed, of an unsupported {@code model_type}, or lacks a required key
     */
    public static TransformerSpec fromHuggingFace(Path configFile) {
        return HuggingFaceConfig.read(configFile);
    }

    /**
     * Reads a Hugging Face {@code config.json} given as a string; see {@link HuggingFaceConfig}.
     *
     * @param configJson the JSON text
     * @return the spec
     * @throws io.github.roofline4j.support.InvalidInputException if the text is malformed, of an
     *         unsupported {@code model_type}, or lacks a required key
     */
    public static TransformerSpec fromHuggingFace(String configJson) {
        return HuggingFaceConfig.parse(configJson, "config.json");
    }

    /**
     * Returns a builder holding every component of this spec, to derive a variant.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Tells whether this is a decoder-only model.
     *
     * @return true when there is no encoder
     */
    public boolean isDecoderOnly() {
        return encoderLayerCount == 0;
    }

    /**
     * Returns the number of MoE layers.
     *
     * @return moe.layerCount, or 0 for a dense model
     */
    public int moeLayerCount() {
        return moe.map(Moe::layerCount).orElse(0);
    }

    /**
     * Returns the number of dense decoder layers.
     *
     * @return layerCount &minus; moeLayerCount
     */
    public int denseLayerCount() {
        return layerCount - moeLayerCount();
    }

    /**
     * Counts the parameters by component, as Hugging Face's {@code sum(p.numel())} does.
     *
     * @return the count
     */
    public ParameterCount parameterCount() {
        return ParameterMath.count(layerCount, encoderLayerCount, hiddenSize, vocabSize, attention, mlp, moe, norm,
                normsPerLayer, positions, tiedEmbeddings, multiTokenPredictionModules);
    }

    /**
     * Counts the FLOPs of one token's forward pass through a decoder-only model, each token
     * attending within a sequence of {@code sequenceTokens}; see {@link ForwardFlops} for what
     * is counted. Attention is counted in the standard form (MLA's latent decompressed, as in
     * training and prefill). Sliding-window layers see at most their window.
     *
     * @param sequenceTokens the sequence length s, &gt; 0
     * @param mask {@link AttentionMask#FULL} for s keys per query, {@link AttentionMask#CAUSAL}
     *        for the (s + 1)/2 keys a causal query sees on average
     * @return the FLOPs per token
     * @throws IllegalArgumentException if the model is encoder-decoder or s is not positive
     */
    public ForwardFlops forwardFlopsPerToken(long sequenceTokens, AttentionMask mask) {
        requireDecoderOnly("FLOPs per token");
        Checks.positive("sequenceTokens", sequenceTokens);
        Checks.notNull("mask", mask);
        double matmul = 2.0 * ParameterMath.activeLayerWeights(this);
        double keysGlobal = effectiveKeys(sequenceTokens, Long.MAX_VALUE, mask);
        int sliding = attention.slidingWindowLayerCount();
        double keysSliding = sliding == 0 ? 0 : effectiveKeys(sequenceTokens, attention.slidingWindowTokens().getAsInt(), mask);
        double perKey = 2.0 * attention.headCount() * (attention.headDim() + attention.valueHeadDim());
        double attentionFlops = perKey * ((layerCount - sliding) * keysGlobal + sliding * keysSliding);
        double logits = 2.0 * hiddenSize * vocabSize;
        return new ForwardFlops(matmul, attentionFlops, logits);
    }

    /**
     * Returns the mean number of keys a query attends to in a sequence.
     *
     * @param s the sequence length
     * @param window the attention window, {@code Long.MAX_VALUE} for none
     * @param mask the mask
     * @return min(s, w) without a causal mask; the mean over i = 1..s of min(i, w) with one
     */
    static double effectiveKeys(long s, long window, AttentionMask mask) {
        if (mask == AttentionMask.FULL) {
            return Math.min(s, window);
        }
        if (s <= window) {
            return (s + 1) / 2.0;
        }
        double w = window;
        return (w * (w + 1) / 2.0 + (double) (s - window) * w) / s;
    }

    /**
     * Counts training FLOPs per token: model FLOPs are three forward passes (the backward pass
     * computes gradients of activations and of weights, two forward passes' worth; Kaplan et al.
     * 2020 §2.1), and recomputation adds forward work: the attention core for selective, every
     * layer (not the logits) for full recomputation (Korthikanti et al. 2022; Narayanan et al.
     * 2021 eq. 3).
     *
     * @param sequenceTokens the sequence length s, &gt; 0
     * @param mask the attention counting convention, not null
     * @param recompute the recomputation mode, not null
     * @return model and hardware FLOPs per token
     * @throws IllegalArgumentException if the model is encoder-decoder, s is not positive, or the
     *         mask or the recomputation mode is null
     */
    public TrainingFlops trainingFlopsPerToken(long sequenceTokens, AttentionMask mask, Recompute recompute) {
        Checks.notNull("mask", mask);
        Checks.notNull("recompute", recompute);
        ForwardFlops f = forwardFlopsPerToken(sequenceTokens, mask);
        double model = 3 * f.total();
        double extra = switch (recompute) {
            case NONE -> 0;
            case SELECTIVE -> f.attentionFlops();
            case FULL -> f.matmulFlops() + f.attentionFlops();
        };
        return new TrainingFlops(model, model + extra);
    }

    /**
     * Returns the KV-cache bytes one token adds across all layers, without windows:
     * L &middot; (2 &middot; n<sub>g</sub> &middot; d<sub>h</sub>) elements for MHA/GQA/MQA and
     * L &middot; (d<sub>c</sub> + d<sub>h</sub><sup>R</sup>) for MLA (DeepSeek-V2 Table 1), at the
     * given element width (OPT-13B in FP16: 2 &middot; 5120 &middot; 40 &middot; 2 = 800 KiB,
     * vLLM paper §3). Scales of quantized caches are not included; use
     * {@link #kvCacheBytesPerToken(KvFormat)} for those.
     *
     * @param kvType the storage type of the cache, not null
     * @return bytes per token
     * @throws IllegalArgumentException if the model is encoder-decoder or the type is null
     */
    public long kvCacheBytesPerToken(DataType kvType) {
        Checks.notNull("kvType", kvType);
        requireDecoderOnly("KV-cache size");
        return bytes(kvElementsPerToken(), kvType, 1);
    }

    /**
     * Returns the KV-cache bytes one token adds across all layers in a KV-cache format, without
     * windows, scales included: the elements of {@link #kvCacheBytesPerToken(DataType)} in the
     * format's element type, plus the format's scale bits for every cached vector, a vector being
     * one head's key or value (d<sub>h</sub> elements) or, with MLA, the latent and rotary key of
     * one layer (d<sub>c</sub> + d<sub>h</sub><sup>R</sup> elements); see
     * {@link KvFormat#bytes(long, int)}. Llama 3.1 8B: 65,536 bytes in FP8 (per-tensor scale),
     * 67,584 in INT8 (512 vectors with 32 scale bits each).
     *
     * @param kvFormat the KV-cache format, not null
     * @return bytes per token
     * @throws IllegalArgumentException if the model is encoder-decoder or the format is null
     */
    public long kvCacheBytesPerToken(KvFormat kvFormat) {
        Checks.notNull("kvFormat", kvFormat);
        requireDecoderOnly("KV-cache size");
        return bytes(kvElementsPerToken(), kvFormat, 1);
    }

    /**
     * Returns the KV-cache bytes of one sequence of {@code contextTokens}; sliding-window layers
     * keep at most their window. Scales of quantized caches are not included; use
     * {@link #kvCacheBytes(long, KvFormat)} for those.
     *
     * @param contextTokens the tokens in the context, &ge; 0
     * @param kvType the storage type of the cache, not null
     * @return bytes for the sequence
     * @throws IllegalArgumentException if the model is encoder-decoder, the context negative, the
     *         type null, or the byte count overflows a 64-bit integer
     */
    public long kvCacheBytes(long contextTokens, DataType kvType) {
        Checks.notNull("kvType", kvType);
        return bytes(kvElements(contextTokens), kvType, contextTokens);
    }

    /**
     * Returns the KV-cache bytes of one sequence of {@code contextTokens} in a KV-cache format,
     * scales included (see {@link #kvCacheBytesPerToken(KvFormat)}); sliding-window layers keep at
     * most their window.
     *
     * @param contextTokens the tokens in the context, &ge; 0
     * @param kvFormat the KV-cache format, not null
     * @return bytes for the sequence
     * @throws IllegalArgumentException if the model is encoder-decoder, the context negative, the
     *         format null, or the byte count overflows a 64-bit integer
     */
    public long kvCacheBytes(long contextTokens, KvFormat kvFormat) {
        Checks.notNull("kvFormat", kvFormat);
        return bytes(kvElements(contextTokens), kvFormat, contextTokens);
    }

    /** The cached elements of one token in all layers, without windows; -1 if they overflow a long. */
    private long kvElementsPerToken() {
        try {
            return Math.multiplyExact((long) layerCount, attention.kvCacheElementsPerTokenPerLayer());
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /**
     * The cached elements of one sequence, windows applied.
     *
     * @return the elements, or -1 if they overflow a long
     */
    private long kvElements(long contextTokens) {
        requireDecoderOnly("KV-cache size");
        Checks.nonNegative("contextTokens", contextTokens);
        int sliding = attention.slidingWindowLayerCount();
        long window = sliding == 0 ? contextTokens : Math.min(contextTokens, attention.slidingWindowTokens().getAsInt());
        try {
            long tokenLayers = Math.addExact(Math.multiplyExact((long) (layerCount - sliding), contextTokens),
                    Math.multiplyExact((long) sliding, window));
            return Math.multiplyExact(tokenLayers, attention.kvCacheElementsPerTokenPerLayer());
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** Elements per scaled vector: a head vector, or the MLA latent plus rotary key. */
    private int kvVectorLength() {
        return attention.mla().map(Mla::cachedElementsPerTokenPerLayer).orElse(attention.headDim());
    }

    private static long bytes(long elements, DataType type, long contextTokens) {
        if (elements >= 0) {
            try {
                return Math.addExact(Math.multiplyExact(elements, (long) type.bitsPerElement()), 7L) / 8L;
            } catch (ArithmeticException e) {
                // reported below
            }
        }
        throw kvOverflow(contextTokens, type.cliName());
    }

    private long bytes(long elements, KvFormat format, long contextTokens) {
        // KvFormat's own arithmetic stays exact for up to Long.MAX_VALUE / 64 elements (at most
        // 32 element bits and 32 scale bits per element, with room for its rounding)
        if (elements < 0 || elements > Long.MAX_VALUE / 64) {
            throw kvOverflow(contextTokens, format.name());
        }
        try {
            return format.bytes(elements, kvVectorLength());
        } catch (ArithmeticException e) {
            throw kvOverflow(contextTokens, format.name());
        }
    }

    private static IllegalArgumentException kvOverflow(long contextTokens, String kvType) {
        return new IllegalArgumentException("the KV cache of contextTokens " + contextTokens + " in kvType " + kvType
                + " overflows a 64-bit byte count");
    }

    private void requireDecoderOnly(String what) {
        if (!isDecoderOnly()) {
            throw new IllegalArgumentException(what + " is modelled for decoder-only models; " + name
                    + " has " + encoderLayerCount + " encoder layers");
        }
    }

    @Override
    public String toString() {
        ParameterCount p = parameterCount();
        return name + ": " + UnitFormat.count(p.total()) + " parameters" + (moe.isPresent()
                ? " (" + UnitFormat.count(p.active()) + " active)" : "") + ", " + layerCount + " layers, d=" + hiddenSize
                + ", " + attention.headCount() + " heads (" + attention.kind() + ", " + attention.kvHeadCount()
                + " KV), vocab " + vocabSize;
    }

    /**
     * Builds a {@link TransformerSpec}. Defaults: decoder-only, RMSNorm with 2 norms per layer,
     * rotary positions, untied embeddings, no MoE, no MTP, a gated SiLU MLP without bias. Not
     * thread-safe.
     */
    public static final class Builder {
        private String name;
        private int layerCount;
        private int encoderLayerCount;
        private int hiddenSize;
        private int vocabSize;
        private int maxPositionEmbeddings;
        private Attention attention;
        private Mlp mlp;
        private Optional<Moe> moe = Optional.empty();
        private Norm norm = Norm.RMS_NORM;
        private int normsPerLayer = 2;
        private Positions positions = Positions.rotary();
        private boolean tiedEmbeddings;
        private int multiTokenPredictionModules;

        private Builder(String name) {
            this.name = name;
        }

        private Builder(TransformerSpec s) {
            name = s.name;
            layerCount = s.layerCount;
            encoderLayerCount = s.encoderLayerCount;
            hiddenSize = s.hiddenSize;
            vocabSize = s.vocabSize;
            maxPositionEmbeddings = s.maxPositionEmbeddings;
            attention = s.attention;
            mlp = s.mlp;
            moe = s.moe;
            norm = s.norm;
            normsPerLayer = s.normsPerLayer;
            positions = s.positions;
            tiedEmbeddings = s.tiedEmbeddings;
            multiTokenPredictionModules = s.multiTokenPredictionModules;
        }

        /**
         * Sets the name.
         *
         * @param value the name
         * @return this builder
         */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /**
         * Sets the decoder layers.
         *
         * @param value L
         * @return this builder
         */
        public Builder layerCount(int value) {
            layerCount = value;
            return this;
        }

        /**
         * Sets the encoder layers (encoder-decoder models).
         *
         * @param value encoder layers
         * @return this builder
         */
        public Builder encoderLayerCount(int value) {
            encoderLayerCount = value;
            return this;
        }

        /**
         * Sets the hidden size.
         *
         * @param value d
         * @return this builder
         */
        public Builder hiddenSize(int value) {
            hiddenSize = value;
            return this;
        }

        /**
         * Sets the vocabulary size.
         *
         * @param value V
         * @return this builder
         */
        public Builder vocabSize(int value) {
            vocabSize = value;
            return this;
        }

        /**
         * Sets the longest supported context.
         *
         * @param value tokens
         * @return this builder
         */
        public Builder maxPositionEmbeddings(int value) {
            maxPositionEmbeddings = value;
            return this;
        }

        /**
         * Sets the attention.
         *
         * @param value the attention
         * @return this builder
         */
        public Builder attention(Attention value) {
            attention = value;
            return this;
        }

        /**
         * Sets the MLP.
         *
         * @param value the MLP
         * @return this builder
         */
        public Builder mlp(Mlp value) {
            mlp = value;
            return this;
        }

        /**
         * Sets the mixture of experts.
         *
         * @param value the MoE description
         * @return this builder
         */
        public Builder moe(Moe value) {
            moe = Optional.of(value);
            return this;
        }

        /**
         * Sets the normalization kind.
         *
         * @param value the norm
         * @return this builder
         */
        public Builder norm(Norm value) {
            norm = value;
            return this;
        }

        /**
         * Sets the norms per decoder layer.
         *
         * @param value norms per layer
         * @return this builder
         */
        public Builder normsPerLayer(int value) {
            normsPerLayer = value;
            return this;
        }

        /**
         * Sets the position encoding.
         *
         * @param value the positions
         * @return this builder
         */
        public Builder positions(Positions value) {
            positions = value;
            return this;
        }

        /**
         * Sets whether the output head is tied to the token embeddings.
         *
         * @param value true if tied
         * @return this builder
         */
        public Builder tiedEmbeddings(boolean value) {
            tiedEmbeddings = value;
            return this;
        }

        /**
         * Sets the multi-token-prediction modules.
         *
         * @param value MTP modules
         * @return this builder
         */
        public Builder multiTokenPredictionModules(int value) {
            multiTokenPredictionModules = value;
            return this;
        }

        /**
         * Validates and builds the spec.
         *
         * @return the spec
         * @throws IllegalArgumentException naming the field if a value is missing or invalid
         */
        public TransformerSpec build() {
            return new TransformerSpec(name, layerCount, encoderLayerCount, hiddenSize, vocabSize,
                    maxPositionEmbeddings, attention, mlp, moe, norm, normsPerLayer, positions, tiedEmbeddings,
                    multiTokenPredictionModules);
        }
    }
}
