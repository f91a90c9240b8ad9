package io.github.roofline4j.workload;

import java.util.ArrayList;
import java.util.List;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.model.Attention;
import io.github.roofline4j.model.Mla;
import io.github.roofline4j.model.Moe;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.quant.WeightFormat;
import io.github.roofline4j.support.Checks;

/**
 * Builds the operations of one forward step of a decoder-only transformer on one device:
 * prefill, decode, or the verification of speculated tokens ({@link StepShape}), for all layers
 * or one pipeline stage.
 *
 * <p>Per decoder layer, with T new tokens on the device, t-way tensor parallelism (heads and MLP
 * width split t ways; Shoeybi et al. 2019) and activations kept in 16 bits between kernels:
 * <ol>
 * <li>input norm; q, k, v projections (one fused GEMM; MLA: the q and kv down-projections, their
 *     norms and up-projections); rotary position embedding;</li>
 * <li>attention: queries attend to the cached and new keys (a causal mask and a sliding window cap
 *     the keys of each query); the new tokens' K and V are appended to the cache;</li>
 * <li>output projection; an all-reduce of T &times; d activations across the t devices when t &gt; 1;
 *     residual add;</li>
 * <li>post-attention norm; the MLP (gate and up in one GEMM, activation, down), or for an MoE
 *     layer the router, the experts the tokens reach (each read once from memory however few
 *     tokens it gets) and the shared experts; an all-reduce when t &gt; 1; residual add.</li>
 * </ol>
 * The first stage adds the embedding lookup (and its all-reduce across a vocabulary-parallel
 * table); the last adds the final norm and the output head for the tokens that need logits (the
 * last token of a prompt), with an all-gather of the vocabulary-parallel logits.
 *
 * <p>Traffic: a matmul reads its weights in their storage format (scales included; embeddings
 * and head unquantized) and its input activations, and writes its output. A fused attention
 * (FlashAttention) reads Q, writes O and the new K/V, and reads from memory the K and V its
 * queries attend to once: the kernel re-reads them per block of queries (Dao et al. 2022 §3.2),
 * but the blocks of one KV head run together and share them through the L2 cache. The measured
 * kernels bear this out: per-block re-reads from HBM would make FlashAttention-3 at 16k keys
 * (head dimension 128, about 128 FLOP per byte re-read) memory-bound on an H100 (ridge point 295
 * FLOP/B) at under 400 TFLOP/s, against the 648 measured. An unfused attention computes and stores
 * the full score matrix, then reads it back for the softmax and the weighted values. Norms count
 * about 4 FLOPs per element, activations 5, residual adds 1 and rotary 3; they are priced by their
 * memory traffic.
 *
 * <p>MoE routing is assumed uniform: of E experts with top-k routing, T tokens reach
 * E&middot;(1 &minus; (1 &minus; k/E)<sup>T</sup>) distinct experts in expectation, each
 * receiving T&middot;k divided by that many tokens.
 *
 * <p>Stateless and thread-safe.
 */
public final class TransformerStep {

    private static final double NORM_FLOPS_PER_ELEMENT = 4;
    private static final double ACTIVATION_FLOPS_PER_ELEMENT = 5;
    private static final double ROTARY_FLOPS_PER_ELEMENT = 3;
    private static final double SOFTMAX_FLOPS_PER_ELEMENT = 5;

    private TransformerStep() {
    }

    /**
     * The layers of a stage by kind.
     *
     * @param dense dense layers with full attention
     * @param denseSliding dense layers with a sliding window
     * @param moe MoE layers with full attention
     * @param moeSliding MoE layers with a sliding window
     * @param embedding whether the stage holds the embedding
     * @param head whether the stage holds the output head
     */
    public record Composition(int dense, int denseSliding, int moe, int moeSliding, boolean embedding, boolean head) {
    }

    /**
     * A contiguous range of decoder layers of a pipeline stage.
     *
     * @param firstLayer index of the first layer, &ge; 0
     * @param layerCount layers in the stage, &ge; 0
     * @param embedding whether the stage holds the embedding (the first stage)
     * @param head whether the stage holds the final norm and output head (the last stage)
     */
    public record Stage(int firstLayer, int layerCount, boolean embedding, boolean head) {
        /**
         * Validates the range.
         *
         * @throws IllegalArgumentException if the range is negative
         */
        public Stage {
            Checks.nonNegative("firstLayer", firstLayer);
            Checks.nonNegative("layerCount", layerCount);
        }

        /**
         * Returns what the stage is made of: two stages with the same composition have the same
         * workload, so an estimator can build and price it once.
         *
         * @param spec the model
         * @return the composition
         */
        public Composition composition(TransformerSpec spec) {
            int end = firstLayer + layerCount;
            int dense = Math.max(0, Math.min(end, spec.denseLayerCount()) - firstLayer);
            int sliding = slidingLayersIn(spec, firstLayer, end);
            // dense layers come first (DeepSeek's first_k_dense_replace); windows are spread evenly over the layers
            int denseSliding = (int) Math.round(sliding * (double) dense / Math.max(1, layerCount));
            return new Composition(dense - denseSliding, denseSliding, layerCount - dense - (sliding - denseSliding),
                    sliding - denseSliding, embedding, head);
        }

        /**
         * The whole model on one stage.
         *
         * @param spec the model
         * @return the stage
         */
        public static Stage whole(TransformerSpec spec) {
            return new Stage(0, spec.layerCount(), true, true);
        }

        /**
         * Stage {@code index} of {@code stages} equal pipeline stages.
         *
         * @param spec the model
         * @param stages pipeline stages, dividing the layer count
         * @param index the stage, in [0, stages)
         * @return the stage
         * @throws IllegalArgumentException if the stages do not divide the layers
         */
        public static Stage of(TransformerSpec spec, int stages, int index) {
            Checks.positive("stages", stages);
            if (spec.layerCount() % stages != 0) {
                throw new IllegalArgumentException("pipeline parallelism " + stages + " must divide the "
                        + spec.layerCount() + " layers of " + spec.name());
            }
            Checks.inRange("index", index, 0, stages - 1);
            int per = spec.layerCount() / stages;
            return new Stage(index * per, per, index == 0, index == stages - 1);
        }
    }

    /**
     * Builds the step for the whole model on one device (or one tensor-parallel group).
     *
     * @param spec the model, decoder-only
     * @param options formats, tensor parallelism and kernels
     * @param shape the tokens of the step
     * @return the workload
     * @throws IllegalArgumentException if the model is encoder-decoder, tensor parallelism cannot
     *         split it, or the context exceeds the model's maximum
     */
    public static Workload build(TransformerSpec spec, LayerOptions options, StepShape shape) {
        return build(spec, options, shape, Stage.whole(spec), shape.queryTokens() == 1 ? "decode" : "prefill");
    }

    /**
     * Builds the step for one pipeline stage.
     *
     * @param spec the model, decoder-only
     * @param options formats, tensor parallelism and kernels
     * @param shape the tokens of the step
     * @param stage the layers of the stage
     * @param name the workload's name
     * @return the workload
     * @throws IllegalArgumentException if the model is encoder-decoder, tensor parallelism cannot
     *         split it, the stage exceeds the model, or the context exceeds the model's maximum
     */
    public static Workload build(TransformerSpec spec, LayerOptions options, StepShape shape, Stage stage, String name) {
        if (!spec.isDecoderOnly()) {
            throw new IllegalArgumentException("steps are modelled for decoder-only models; " + spec.name()
                    + " is encoder-decoder");
        }
        options.checkSplits(spec);
        if (stage.firstLayer() + stage.layerCount() > spec.layerCount()) {
            throw new IllegalArgumentException("stage layers [" + stage.firstLayer() + ", "
                    + (stage.firstLayer() + stage.layerCount()) + ") exceed the " + spec.layerCount() + " layers of "
                    + spec.name());
        }
        if (shape.contextAfter() > spec.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("context " + shape.contextAfter() + " tokens exceeds the "
                    + spec.maxPositionEmbeddings() + "-token maximum of " + spec.name());
        }
        Builder b = new Builder(spec, options, shape);
        List<Block> blocks = new ArrayList<>();
        if (stage.embedding()) {
            blocks.add(new Block("embedding", b.embedding(), 1));
        }
        Composition c = stage.composition(spec);
        addLayers(blocks, b, false, false, c.dense());
        addLayers(blocks, b, false, true, c.denseSliding());
        addLayers(blocks, b, true, false, c.moe());
        addLayers(blocks, b, true, true, c.moeSliding());
        if (stage.head()) {
            blocks.add(new Block("output head", b.head(), 1));
        }
        return new Workload(name, blocks);
    }

    private static void addLayers(List<Block> blocks, Builder b, boolean moe, boolean sliding, int count) {
        if (count > 0) {
            String name = (moe ? "MoE layer" : "dense layer") + (sliding ? " (sliding window)" : "");
            blocks.add(new Block(name, b.layer(moe, sliding), count));
        }
    }

    /**
     * Returns how many of the layers [first, end) use the sliding window, the windowed layers
     * being spread evenly over the model (exact when all or none use it, and for alternation).
     */
    static int slidingLayersIn(TransformerSpec spec, int first, int end) {
        long s = spec.attention().slidingWindowLayerCount();
        long l = spec.layerCount();
        return (int) ((end * s + l - 1) / l - (first * s + l - 1) / l);
    }

    /**
     * Returns the sum over the new queries of one sequence of the keys each attends to:
     * sum over i = 1..q of min(c + i, w) with a causal mask, q &middot; (c + q) without one.
     *
     * @param queries new tokens q
     * @param prior cached tokens c
     * @param window the window w, or {@code Long.MAX_VALUE}
     * @param causal whether a causal mask (and the window) limits the keys
     * @return the key visits
     */
    static double keyVisits(long queries, long prior, long window, boolean causal) {
        if (!causal) {
            return (double) queries * (prior + queries);
        }
        if (prior + queries <= window) {
            return queries * (double) prior + queries * (queries + 1.0) / 2;
        }
        if (prior >= window) {
            return (double) queries * window;
        }
        long j = window - prior;
        return j * (double) prior + j * (j + 1.0) / 2 + (double) (queries - j) * window;
    }

    /**
     * Returns the weight bytes one decoder layer keeps on a device, unrounded: the pieces
     * {@link #weightBytes(TransformerSpec, LayerOptions, Stage)} adds up, for arithmetic that
     * needs them per layer (training memory per stage).
     *
     * @param spec the model
     * @param options formats, TP and EP
     * @param moe whether the layer is an MoE layer
     * @return bytes per device
     */
    public static double layerWeightBytes(TransformerSpec spec, LayerOptions options, boolean moe) {
        options.checkSplits(spec);
        return new Builder(spec, options, StepShape.decode(1, 0)).layerWeightBytes(moe);
    }

    /**
     * Returns the bytes of one copy of the vocabulary-parallel embedding table (with learned
     * positions) on a device, unrounded.
     *
     * @param spec the model
     * @param options formats and TP
     * @return bytes per device
     */
    public static double vocabTableBytes(TransformerSpec spec, LayerOptions options) {
        options.checkSplits(spec);
        return new Builder(spec, options, StepShape.decode(1, 0)).vocabTableBytes();
    }

    /**
     * Returns the bytes of the final norm, which sits with the output head.
     *
     * @param spec the model
     * @param options formats
     * @return bytes per device
     */
    public static double finalNormBytes(TransformerSpec spec, LayerOptions options) {
        options.checkSplits(spec);
        return new Builder(spec, options, StepShape.decode(1, 0)).normBytes();
    }

    /**
     * Returns the bytes of the weights a device holds for a model: the layers of the stage in
     * the weight format, the embedding and head (unquantized, vocabulary-parallel) and the norms
     * and biases (in the activation type).
     *
     * @param spec the model
     * @param options formats and tensor parallelism
     * @param stage the layers on the device
     * @return bytes
     */
    public static long weightBytes(TransformerSpec spec, LayerOptions options, Stage stage) {
        options.checkSplits(spec);
        Builder b = new Builder(spec, options, StepShape.decode(1, 0));
        int first = stage.firstLayer();
        int end = first + stage.layerCount();
        int dense = Math.max(0, Math.min(end, spec.denseLayerCount()) - first);
        int moe = stage.layerCount() - dense;
        double bytes = (dense > 0 ? dense * b.layerWeightBytes(false) : 0) + (moe > 0 ? moe * b.layerWeightBytes(true) : 0);
        double table = b.vocabTableBytes();
        if (stage.embedding()) {
            bytes += table;
        }
        if (stage.head()) {
            bytes += b.normBytes();
            if (!spec.tiedEmbeddings() || !stage.embedding()) {
                bytes += table;
            }
        }
        return (long) Math.ceil(bytes);
    }

    /**
     * Returns the KV-cache bytes one token of one sequence takes on a device in one layer.
     *
     * @param spec the model
     * @param options formats and tensor parallelism
     * @return bytes per token per layer on a device (MLA's latent is replicated on every device)
     */
    public static long kvBytesPerTokenPerLayer(TransformerSpec spec, LayerOptions options) {
        KvFormat kv = options.precision().kvCache();
        Attention a = spec.attention();
        if (a.mla().isPresent()) {
            int width = a.mla().get().cachedElementsPerTokenPerLayer();
            return kv.bytes(width, width);
        }
        return kv.bytes(2L * options.kvHeadsPerDevice(spec) * a.headDim(), a.headDim());
    }

    /** Builds the operations of one layer kind, with the quantities of one step. */
    private static final class Builder {
        private final TransformerSpec spec;
        private final LayerOptions o;
        private final StepShape shape;
        private final WeightFormat wf;
        private final DataType compute;
        private final DataType attentionType;
        private final DataType storage;
        private final double a;
        private final int t;
        private final int d;
        private final long tokens;
        private final int headsPerDevice;
        private final int kvHeadsPerDevice;
        private final boolean sequenceParallel;
        /** The tokens of the norms and residual adds: split over the TP group with sequence parallelism. */
        private final double sequenceTokens;

        Builder(TransformerSpec spec, LayerOptions o, StepShape shape) {
            this.spec = spec;
            this.o = o;
            this.shape = shape;
            this.wf = o.precision().weights();
            this.compute = o.precision().computeType();
            this.attentionType = o.attentionType();
            this.storage = o.activationStorageType();
            this.a = storage.bytesPerElement();
            this.t = o.tensorParallel();
            this.d = spec.hiddenSize();
            this.tokens = shape.tokens();
            this.headsPerDevice = spec.attention().headCount() / t;
            this.kvHeadsPerDevice = o.kvHeadsPerDevice(spec);
            this.sequenceParallel = o.sequenceParallel() && t > 1;
            this.sequenceTokens = sequenceParallel ? (double) tokens / t : tokens;
        }

        List<Operation> embedding() {
            List<Operation> ops = new ArrayList<>();
            ops.add(Operation.memory("embed", OperationKind.EMBEDDING, storage, 0, tokens * (double) d * a,
                    tokens * (double) d * a));
            if (t > 1) {
                // vocabulary-parallel embedding: partial rows summed, or with SP summed and scattered by sequence
                ops.add(sequenceParallel
                        ? collective("embed_reduce_scatter", CollectiveKind.REDUCE_SCATTER, tokens * (double) d * a)
                        : allReduce("embed_all_reduce", tokens * (double) d * a));
            }
            return ops;
        }

        List<Operation> head() {
            List<Operation> ops = new ArrayList<>();
            ops.add(norm("final_norm"));
            long m = shape.batch() * shape.logitTokens();
            if (m > 0) {
                long vocabPerDevice = (spec.vocabSize() + t - 1) / t;
                if (sequenceParallel) {
                    // the sequence-split hidden states gathered for the vocabulary-parallel head
                    ops.add(collective("head_all_gather", CollectiveKind.ALL_GATHER, m * (double) d * a));
                }
                ops.add(Operation.matmul("lm_head", storage, m, vocabPerDevice, d, 1,
                        vocabPerDevice * (double) d * a + m * (double) d * a, m * (double) vocabPerDevice * a));
                if (t > 1 && shape.writesCache()) {
                    ops.add(collective("logits_all_gather", CollectiveKind.ALL_GATHER, m * (double) spec.vocabSize() * a));
                } else if (t > 1) {
                    // vocabulary-parallel cross entropy: the max, the sum of exponentials and the target logit of
                    // each token, in FP32 (Megatron-LM)
                    ops.add(allReduce("cross_entropy_all_reduce", 3.0 * m * 4));
                }
                if (!shape.writesCache()) {
                    // training: the loss reads the logits in FP32 and writes their gradient (softmax minus one-hot)
                    double logits = m * (double) vocabPerDevice;
                    ops.add(Operation.memory("cross_entropy", OperationKind.ELEMENTWISE, DataType.FP32,
                            SOFTMAX_FLOPS_PER_ELEMENT * logits, logits * a + logits * 4, logits * 4));
                }
            }
            return ops;
        }

        List<Operation> layer(boolean moe, boolean sliding) {
            List<Operation> ops = new ArrayList<>();
            ops.add(norm("input_norm"));
            if (sequenceParallel) {
                ops.add(collective("attention_all_gather", CollectiveKind.ALL_GATHER, tokens * (double) d * a));
            }
            attention(ops, sliding);
            if (spec.normsPerLayer() > 2) {
                ops.add(norm("post_attention_norm"));
            }
            ops.add(residual());
            ops.add(norm(spec.normsPerLayer() > 2 ? "pre_mlp_norm" : "post_attention_norm"));
            if (sequenceParallel) {
                ops.add(collective("mlp_all_gather", CollectiveKind.ALL_GATHER, tokens * (double) d * a));
            }
            if (moe) {
                moe(ops);
            } else {
                mlp(ops, "", spec.mlp().intermediateSize() / t);
            }
            if (t > 1) {
                ops.add(sequenceParallel ? collective("mlp_reduce_scatter", CollectiveKind.REDUCE_SCATTER,
                        tokens * (double) d * a) : allReduce("mlp_all_reduce", tokens * (double) d * a));
            }
            if (spec.normsPerLayer() > 3) {
                ops.add(norm("post_mlp_norm"));
            }
            ops.add(residual());
            return ops;
        }

        private void attention(List<Operation> ops, boolean sliding) {
            Attention at = spec.attention();
            long window = sliding ? at.slidingWindowTokens().getAsInt() : Long.MAX_VALUE;
            if (at.mla().isPresent()) {
                mla(ops, at.mla().get(), window);
            } else {
                long qkvWidth = (long) (headsPerDevice + 2L * kvHeadsPerDevice) * at.headDim();
                ops.add(weightMatmul("qkv_proj", tokens, qkvWidth, d, at.qkvBias()));
                if (at.qkNorm()) {
                    ops.add(Operation.memory("qk_norm", OperationKind.NORM, storage,
                            NORM_FLOPS_PER_ELEMENT * tokens * (headsPerDevice + kvHeadsPerDevice) * at.headDim(),
                            tokens * (double) (headsPerDevice + kvHeadsPerDevice) * at.headDim() * a,
                            tokens * (double) (headsPerDevice + kvHeadsPerDevice) * at.headDim() * a));
                }
                rotary(ops, headsPerDevice + kvHeadsPerDevice, at.headDim());
                attentionCore(ops, headsPerDevice, kvHeadsPerDevice, at.headDim(), at.headDim(), window,
                        kvBytesPerTokenPerLayer(spec, o));
            }
            ops.add(weightMatmul("o_proj", tokens, d, (long) headsPerDevice * at.valueHeadDim(), at.outputBias()));
            if (t > 1) {
                ops.add(sequenceParallel ? collective("attention_reduce_scatter", CollectiveKind.REDUCE_SCATTER,
                        tokens * (double) d * a) : allReduce("attention_all_reduce", tokens * (double) d * a));
            }
        }

        private void mla(List<Operation> ops, Mla m, long window) {
            int heads = headsPerDevice;
            if (m.qLoraRank() > 0) {
                ops.add(replicatedMatmul("q_a_proj", tokens, m.qLoraRank(), d));
                ops.add(normOf("q_a_norm", m.qLoraRank()));
                ops.add(weightMatmul("q_b_proj", tokens, (long) heads * m.qkHeadDim(), m.qLoraRank(), false));
            } else {
                ops.add(weightMatmul("q_proj", tokens, (long) heads * m.qkHeadDim(), d, false));
            }
            ops.add(replicatedMatmul("kv_a_proj", tokens, m.kvLoraRank() + (long) m.qkRopeHeadDim(), d));
            ops.add(normOf("kv_a_norm", m.kvLoraRank()));
            rotary(ops, heads + 1, m.qkRopeHeadDim());
            long latentBytes = kvBytesPerTokenPerLayer(spec, o);
            boolean absorbed = o.mlaForm() == MlaForm.ABSORBED || (o.mlaForm() == MlaForm.AUTO && shape.queryTokens() == 1);
            if (absorbed) {
                // W_UK folded into the query, W_UV into the output: per-head products with the latent
                ops.add(headMatmul("q_absorb", tokens, m.kvLoraRank(), m.qkNopeHeadDim(), heads));
                attentionCore(ops, heads, 1, m.kvLoraRank() + m.qkRopeHeadDim(), m.kvLoraRank(), window, latentBytes);
                ops.add(headMatmul("v_absorb", tokens, m.vHeadDim(), m.kvLoraRank(), heads));
            } else {
                // decompress the latents of every token attended to: the new ones and, when decoding, the cached ones
                long decompressed = shape.batch() * Math.min(shape.contextAfter(), window == Long.MAX_VALUE
                        ? shape.contextAfter() : window + shape.queryTokens());
                if (shape.priorContextTokens() == 0) {
                    decompressed = tokens;
                }
                long kvWidth = (long) heads * (m.qkNopeHeadDim() + m.vHeadDim());
                ops.add(weightMatmul("kv_b_proj", decompressed, kvWidth, m.kvLoraRank(), false));
                long perTokenKv = (long) Math.ceil(kvWidth * a + (double) heads * m.qkRopeHeadDim() * a);
                attentionCore(ops, heads, heads, m.qkHeadDim(), m.vHeadDim(), window, perTokenKv);
            }
        }

        /**
         * The attention core. {@code kvBytesPerToken} is what one token's keys and values take in
         * memory for all KV heads of the device.
         */
        private void attentionCore(List<Operation> ops, int heads, int kvHeads, int qkDim, int vDim, long window,
                long kvBytesPerToken) {
            long q = shape.queryTokens();
            long c = shape.priorContextTokens();
            long batch = shape.batch();
            double cacheWrite = shape.writesCache() ? kvBytesPerTokenPerLayer(spec, o) * (double) tokens : 0;
            double qBytes = tokens * (double) heads * qkDim * a;
            double oBytes = tokens * (double) heads * vDim * a;
            if (o.attentionKernel() == AttentionKernel.FUSED) {
                double visits = keyVisits(q, c, window, true);
                double meanKeys = visits / q;
                // every key the queries see, read once (the query blocks share them through L2)
                double distinctKeys = window == Long.MAX_VALUE ? c + q : Math.min(c + q, window + q - 1);
                double kvRead = batch * distinctKeys * kvBytesPerToken;
                ops.add(new Operation("attention", OperationKind.ATTENTION, attentionType,
                        2.0 * heads * (qkDim + vDim) * visits * batch, qBytes + kvRead, oBytes + cacheWrite, q,
                        Math.max(1, Math.round(meanKeys)), Math.max(1, heads / kvHeads), batch * kvHeads, null));
            } else {
                // the full score matrix, masked afterwards: no causal or window savings
                double keys = c + q;
                double visits = keyVisits(q, c, window, false);
                double scores = batch * (double) heads * visits;
                double kvRead = batch * keys * kvBytesPerToken;
                ops.add(new Operation("attention_scores", OperationKind.MATMUL, attentionType,
                        2.0 * heads * qkDim * visits * batch, qBytes + kvRead / 2, scores * a + cacheWrite, q,
                        (long) keys, qkDim, batch * heads, null));
                ops.add(Operation.memory("attention_softmax", OperationKind.ELEMENTWISE, attentionType,
                        SOFTMAX_FLOPS_PER_ELEMENT * scores, scores * a, scores * a));
                ops.add(new Operation("attention_values", OperationKind.MATMUL, attentionType,
                        2.0 * heads * vDim * visits * batch, scores * a + kvRead / 2, oBytes, q, vDim, (long) keys,
                        batch * heads, null));
            }
        }

        private void moe(List<Operation> ops) {
            Moe m = spec.moe().orElseThrow();
            ops.add(replicatedMatmul("router", tokens, m.routedExperts(), d));
            int ep = o.expertParallel();
            int e = m.routedExperts();
            int local = e / ep;
            // the EP group's tokens are routed over all experts; this device holds e / ep of them and, balanced,
            // receives as many token-expert pairs as its own tokens send
            double reached = local * (1 - Math.pow(1 - (double) m.expertsPerToken() / e, (double) tokens * ep));
            long experts = Math.max(1, Math.round(Math.ceil(reached - 1e-9)));
            double routed = tokens * (double) m.expertsPerToken();
            long rows = Math.max(1, Math.round(Math.ceil(routed / experts)));
            int width = m.expertIntermediateSize() / t;
            int branches = spec.mlp().gated() ? 2 : 1;
            if (ep > 1) {
                ops.add(expertAllToAll("experts_dispatch", routed * d * a));
            }
            ops.add(expertMatmul("experts_gate_up", routed, rows, (long) branches * width, d, experts));
            ops.add(activation("experts_activation", routed * width, branches));
            ops.add(expertMatmul("experts_down", routed, rows, d, width, experts));
            if (ep > 1) {
                ops.add(expertAllToAll("experts_combine", routed * d * a));
            }
            if (m.sharedExperts() > 0) {
                mlp(ops, "shared_", m.sharedExperts() * m.sharedExpertIntermediateSize() / t);
                if (m.sharedExpertGate()) {
                    ops.add(replicatedMatmul("shared_expert_gate", tokens, 1, d));
                }
            }
        }

        private Operation expertAllToAll(String name, double bytes) {
            return Operation.communication(name, storage, new Communication(CollectiveKind.ALL_TO_ALL, bytes,
                    o.expertParallel(), o.expertParallelRanksPerDomain()));
        }

        private void mlp(List<Operation> ops, String prefix, int width) {
            int branches = spec.mlp().gated() ? 2 : 1;
            ops.add(weightMatmul(prefix + (branches == 2 ? "gate_up_proj" : "up_proj"), tokens, (long) branches * width,
                    d, spec.mlp().bias()));
            ops.add(activation(prefix + "activation", tokens * (double) width, branches));
            ops.add(weightMatmul(prefix + "down_proj", tokens, d, width, spec.mlp().bias()));
        }

        private Operation weightMatmul(String name, long m, long n, long k, boolean bias) {
            double weights = wf.bytes(n, k) + (bias ? n * a : 0);
            return Operation.matmul(name, compute, m, n, k, 1, weights + m * (double) k * a, m * (double) n * a);
        }

        /** A projection kept unsharded on every device, in the weight format. */
        private Operation replicatedMatmul(String name, long m, long n, long k) {
            return weightMatmul(name, m, n, k, false);
        }

        /** One product per head, weights per head in the weight format (MLA's absorbed projections). */
        private Operation headMatmul(String name, long m, long n, long k, int heads) {
            double weights = heads * (double) wf.bytes(n, k);
            return Operation.matmul(name, compute, m, n, k, heads, weights + m * (double) heads * k * a,
                    m * (double) heads * n * a);
        }

        /** The experts reached, each a product of {@code rows} tokens; all their weights are read. */
        private Operation expertMatmul(String name, double routedTokens, long rows, long n, long k, long experts) {
            double weights = experts * (double) wf.bytes(n, k);
            return new Operation(name, OperationKind.MATMUL, compute, 2.0 * routedTokens * n * k,
                    weights + routedTokens * k * a, routedTokens * n * a, rows, n, k, experts, null);
        }

        private Operation norm(String name) {
            return normOf(name, d);
        }

        private Operation normOf(String name, long width) {
            double elements = (width == d ? sequenceTokens : tokens) * (double) width;
            return Operation.memory(name, OperationKind.NORM, storage, NORM_FLOPS_PER_ELEMENT * elements,
                    elements * a + width * a, elements * a);
        }

        private Operation residual() {
            double elements = sequenceTokens * (double) d;
            return Operation.memory("residual_add", OperationKind.ELEMENTWISE, storage, elements, 2 * elements * a,
                    elements * a);
        }

        private Operation activation(String name, double outputElements, int branches) {
            return Operation.memory(name, OperationKind.ELEMENTWISE, storage, ACTIVATION_FLOPS_PER_ELEMENT * outputElements,
                    branches * outputElements * a, outputElements * a);
        }

        private void rotary(List<Operation> ops, int vectors, int dim) {
            if (spec.positions().kind() != io.github.roofline4j.model.Positions.Kind.ROTARY) {
                return; // learned, relative or no position encoding: nothing to rotate
            }
            double elements = tokens * (double) vectors * dim;
            ops.add(Operation.memory("rotary", OperationKind.ELEMENTWISE, storage, ROTARY_FLOPS_PER_ELEMENT * elements,
                    elements * a, elements * a));
        }

        private Operation allReduce(String name, double bytes) {
            return collective(name, CollectiveKind.ALL_REDUCE, bytes);
        }

        private Operation collective(String name, CollectiveKind kind, double bytes) {
            return Operation.communication(name, storage,
                    new Communication(kind, bytes, t, o.tensorParallelRanksPerDomain()));
        }

        double layerWeightBytes(boolean moe) {
            Attention at = spec.attention();
            double bytes = 0;
            if (at.mla().isPresent()) {
                Mla m = at.mla().get();
                int heads = headsPerDevice;
                bytes += m.qLoraRank() > 0 ? wf.bytes(m.qLoraRank(), d) + wf.bytes((long) heads * m.qkHeadDim(), m.qLoraRank())
                        + m.qLoraRank() * a : wf.bytes((long) heads * m.qkHeadDim(), d);
                bytes += wf.bytes(m.kvLoraRank() + (long) m.qkRopeHeadDim(), d) + m.kvLoraRank() * a;
                bytes += wf.bytes((long) heads * (m.qkNopeHeadDim() + m.vHeadDim()), m.kvLoraRank());
            } else {
                long qkv = (long) (headsPerDevice + 2L * kvHeadsPerDevice) * at.headDim();
                bytes += wf.bytes(qkv, d) + (at.qkvBias() ? qkv * a : 0);
                bytes += at.qkNorm() ? 2.0 * at.headDim() * a : 0;
            }
            bytes += wf.bytes(d, (long) headsPerDevice * at.valueHeadDim()) + (at.outputBias() ? d * a : 0);
            int branches = spec.mlp().gated() ? 2 : 1;
            boolean bias = spec.mlp().bias();
            if (moe) {
                Moe m = spec.moe().orElseThrow();
                int width = m.expertIntermediateSize() / t;
                int local = m.routedExperts() / o.expertParallel();
                bytes += local * (double) (wf.bytes((long) branches * width, d) + wf.bytes(d, width));
                bytes += wf.bytes(m.routedExperts(), d);
                if (m.sharedExperts() > 0) {
                    int shared = m.sharedExperts() * m.sharedExpertIntermediateSize() / t;
                    bytes += wf.bytes((long) branches * shared, d) + wf.bytes(d, shared);
                    bytes += m.sharedExpertGate() ? wf.bytes(1, d) : 0;
                }
            } else {
                int width = spec.mlp().intermediateSize() / t;
                bytes += wf.bytes((long) branches * width, d) + wf.bytes(d, width)
                        + (bias ? ((long) branches * width + d) * a : 0);
            }
            bytes += spec.normsPerLayer() * (double) spec.norm().parameterCount(d) * a;
            return bytes;
        }

        double vocabTableBytes() {
            long vocabPerDevice = (spec.vocabSize() + t - 1) / t;
            return vocabPerDevice * (double) d * a + spec.positions().learnedRows() * (double) d * a;
        }

        double normBytes() {
            return spec.norm().parameterCount(d) * a;
        }
    }
}
