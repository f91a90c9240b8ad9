package io.github.roofline4j.model;

import java.util.Optional;

/**
 * The parameter-count formulas, one place for each; {@link TransformerSpec} delegates here.
 *
 * <p>Per decoder layer, with d the hidden size:
 * <ul>
 * <li>standard attention: q, k, v, o weights d&middot;n<sub>h</sub>d<sub>h</sub> +
 *     2&middot;d&middot;n<sub>g</sub>d<sub>h</sub> + n<sub>h</sub>d<sub>h</sub>&middot;d, plus
 *     biases n<sub>h</sub>d<sub>h</sub> + 2n<sub>g</sub>d<sub>h</sub> (qkv) and d (output);
 *     QK norms 2&middot;d<sub>h</sub>;</li>
 * <li>MLA (DeepSeek-V2 §2.1.2, Hugging Face {@code modeling_deepseek_v3.py}): q_a
 *     d&middot;d<sub>c</sub>' + q_b d<sub>c</sub>'&middot;n<sub>h</sub>(d<sub>nope</sub> +
 *     d<sub>rope</sub>) (or d&middot;n<sub>h</sub>(d<sub>nope</sub> + d<sub>rope</sub>) without a
 *     query rank), kv_a d&middot;(d<sub>c</sub> + d<sub>rope</sub>), kv_b
 *     d<sub>c</sub>&middot;n<sub>h</sub>(d<sub>nope</sub> + d<sub>v</sub>), o
 *     n<sub>h</sub>d<sub>v</sub>&middot;d, norms over d<sub>c</sub>' and d<sub>c</sub>;</li>
 * <li>MLP: {@link Mlp#parameterCount(int)}; an MoE layer has every routed expert, the shared
 *     experts (and their gate), and the router ({@link Moe#routerParameterCount(int)});</li>
 * <li>norms: {@code normsPerLayer} of {@link Norm#parameterCount(long)} over d.</li>
 * </ul>
 * Plus token embeddings V&middot;d, learned positions rows&middot;d, a final norm, and an untied head
 * V&middot;d. An encoder-decoder model adds encoder layers (self-attention, MLP, norms, a final
 * norm) and, in each decoder layer, cross-attention with its norm. A DeepSeek-V3 MTP module
 * (DeepSeek-V3 report §2.2) is two norms over d, a 2d&middot;d projection, one MoE decoder layer and
 * the norm before the shared head.
 *
 * <p>GPT-2's count from these rules is L(12d<sup>2</sup> + 13d) + (V + S)d + 2d, the formula of
 * Narayanan et al. (2021) eq. 2 plus the final LayerNorm.
 */
final class ParameterMath {

    private ParameterMath() {
    }

    static ParameterCount count(int layers, int encoderLayers, int d, int vocab, Attention attention, Mlp mlp,
            Optional<Moe> moe, Norm norm, int normsPerLayer, Positions positions, boolean tied, int mtpModules) {
        try {
            long selfAttention = attentionWeights(d, attention) + attentionBiases(d, attention);
            long attentionNorms = attentionNorms(attention, norm);
            long normPerLayer = Math.multiplyExact(normsPerLayer, norm.parameterCount(d));
            int moeLayers = moe.map(Moe::layerCount).orElse(0);
            int denseLayers = layers - moeLayers;

            long attentionTotal = Math.multiplyExact(selfAttention, layers);
            long norms = Math.addExact(Math.multiplyExact(Math.addExact(attentionNorms, normPerLayer), layers),
                    norm.parameterCount(d));
            long mlpTotal = Math.multiplyExact(mlp.exactParameterCount(d), denseLayers);

            long routed = 0;
            long activeRouted = 0;
            long shared = 0;
            long router = 0;
            long moeLayerTotal = 0;
            if (moe.isPresent()) {
                Moe m = moe.get();
                long expert = expert(mlp, m.expertIntermediateSize()).exactParameterCount(d);
                long sharedPerLayer = sharedExperts(d, mlp, m);
                routed = Math.multiplyExact(Math.multiplyExact(expert, m.routedExperts()), moeLayers);
                activeRouted = Math.multiplyExact(Math.multiplyExact(expert, m.expertsPerToken()), moeLayers);
                shared = Math.multiplyExact(sharedPerLayer, moeLayers);
                router = Math.multiplyExact(m.routerParameterCount(d), moeLayers);
                moeLayerTotal = Math.addExact(Math.addExact(Math.multiplyExact(expert, m.routedExperts()), sharedPerLayer),
                        m.routerParameterCount(d));
            }

            if (encoderLayers > 0) {
                attentionTotal = Math.addExact(attentionTotal,
                        Math.multiplyExact(selfAttention, (long) encoderLayers + layers)); // encoder self + decoder cross
                mlpTotal = Math.addExact(mlpTotal, Math.multiplyExact(mlp.exactParameterCount(d), encoderLayers));
                norms = Math.addExact(norms, Math.addExact(Math.multiplyExact(normPerLayer, encoderLayers),
                        norm.parameterCount(d)));
                norms = Math.addExact(norms, Math.multiplyExact(norm.parameterCount(d), layers)); // cross-attention norms
            }

            long tokenEmbeddings = Math.multiplyExact((long) vocab, d);
            long positionParams = switch (positions.kind()) {
                case LEARNED -> Math.multiplyExact((long) positions.learnedRows(), d);
                case RELATIVE_BIAS -> Math.multiplyExact(Math.multiplyExact((long) positions.relativeBuckets(),
                        (long) attention.headCount()), encoderLayers > 0 ? 2L : 1L);
                case ROTARY, NONE -> 0;
            };
            long head = tied ? 0 : tokenEmbeddings;

            long mtp = 0;
            if (mtpModules > 0) {
                long layer = Math.addExact(Math.addExact(selfAttention, attentionNorms), normPerLayer);
                layer = Math.addExact(layer, moe.isPresent() ? moeLayerTotal : mlp.exactParameterCount(d));
                long module = Math.addExact(Math.addExact(Math.multiplyExact(3L, norm.parameterCount(d)),
                        Math.multiplyExact(Math.multiplyExact(2L, (long) d), (long) d)), layer);
                mtp = Math.multiplyExact(module, mtpModules);
            }
            ParameterCount count = new ParameterCount(tokenEmbeddings, positionParams, attentionTotal, mlpTotal, routed,
                    activeRouted, shared, router, norms, head, mtp);
            // the total, with the MTP modules, must fit too
            sumExact(tokenEmbeddings, positionParams, attentionTotal, mlpTotal, routed, shared, router, norms, head, mtp);
            return count;
        } catch (ArithmeticException e) {
            throw overflow(layers, d, vocab, mlp);
        }
    }

    private static IllegalArgumentException overflow(int layers, int d, int vocab, Mlp mlp) {
        return new IllegalArgumentException("the model is too large: its parameter count overflows a 64-bit integer"
                + " (hiddenSize " + d + ", layerCount " + layers + ", vocabSize " + vocab + ", mlp.intermediateSize "
                + mlp.intermediateSize() + ")");
    }

    /** The weights (no biases) of the layers one token passes through, for its matmul FLOPs. */
    static double activeLayerWeights(TransformerSpec s) {
        int d = s.hiddenSize();
        double attention = (double) attentionWeights(d, s.attention()) * s.layerCount();
        int moeLayers = s.moeLayerCount();
        double dense = (double) s.mlp().matrixCount() * d * s.mlp().intermediateSize() * (s.layerCount() - moeLayers);
        double moe = 0;
        if (s.moe().isPresent()) {
            Moe m = s.moe().get();
            double expert = (double) s.mlp().matrixCount() * d * m.expertIntermediateSize();
            double shared = (double) s.mlp().matrixCount() * d * m.sharedExpertIntermediateSize() * m.sharedExperts()
                    + (m.sharedExpertGate() ? d : 0);
            moe = (expert * m.expertsPerToken() + shared + (double) d * m.routedExperts()) * moeLayers;
        }
        return attention + dense + moe;
    }

    static long attentionWeights(int d, Attention a) {
        if (a.mla().isPresent()) {
            Mla m = a.mla().get();
            long heads = a.headCount();
            long q = m.qLoraRank() > 0
                    ? Math.addExact(Math.multiplyExact((long) d, m.qLoraRank()),
                            Math.multiplyExact(Math.multiplyExact((long) m.qLoraRank(), heads), m.qkHeadDim()))
                    : Math.multiplyExact(Math.multiplyExact((long) d, heads), m.qkHeadDim());
            long kvA = Math.multiplyExact((long) d, m.kvLoraRank() + (long) m.qkRopeHeadDim());
            long kvB = Math.multiplyExact(Math.multiplyExact((long) m.kvLoraRank(), heads),
                    (long) m.qkNopeHeadDim() + m.vHeadDim());
            long o = Math.multiplyExact(Math.multiplyExact(heads, (long) m.vHeadDim()), (long) d);
            return sumExact(q, kvA, kvB, o);
        }
        long q = Math.multiplyExact((long) d, a.queryWidth());
        long kv = Math.multiplyExact(Math.multiplyExact(2L, (long) d), a.kvWidth());
        long o = Math.multiplyExact(a.outputWidth(), (long) d);
        return sumExact(q, kv, o);
    }

    private static long attentionBiases(int d, Attention a) {
        long qkv = a.qkvBias() ? Math.addExact(a.queryWidth(), Math.multiplyExact(2L, a.kvWidth())) : 0;
        long o = a.outputBias() ? d : 0;
        return Math.addExact(qkv, o);
    }

    private static long attentionNorms(Attention a, Norm norm) {
        long n = a.qkNorm() ? Math.multiplyExact(2L, norm.parameterCount(a.headDim())) : 0;
        if (a.mla().isPresent()) {
            Mla m = a.mla().get();
            n = sumExact(n, m.qLoraRank() > 0 ? norm.parameterCount(m.qLoraRank()) : 0,
                    norm.parameterCount(m.kvLoraRank()));
        }
        return n;
    }

    private static Mlp expert(Mlp mlp, int width) {
        return new Mlp(width, mlp.gated(), mlp.bias(), mlp.activation());
    }

    private static long sharedExperts(int d, Mlp mlp, Moe m) {
        if (m.sharedExperts() == 0) {
            return 0;
        }
        long one = expert(mlp, m.sharedExpertIntermediateSize()).exactParameterCount(d);
        return Math.addExact(Math.multiplyExact(one, (long) m.sharedExperts()), m.sharedExpertGate() ? d : 0);
    }

    private static long sumExact(long... values) {
        long sum = 0;
        for (long v : values) {
            sum = Math.addExact(sum, v);
        }
        return sum;
    }
}
