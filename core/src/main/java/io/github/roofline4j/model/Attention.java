package io.github.roofline4j.model;

import java.util.Optional;
import java.util.OptionalInt;

import io.github.roofline4j.support.Checks;

/**
 * The self-attention of one layer: heads, key/value heads, head dimension, biases, optional
 * sliding window and optional multi-head latent attention.
 *
 * <p>Multi-head attention has {@code kvHeadCount == headCount}, multi-query attention
 * {@code kvHeadCount == 1}, grouped-query attention anything between that divides
 * {@code headCount} (Ainslie et al. 2023). {@code headDim} is not always hidden/heads (Gemma 7B:
 * 16 &times; 256 on a 3072 hidden size). With {@link Mla}, {@code headDim} is the query/key head
 * dimension and {@code kvHeadCount == headCount}.
 *
 * <p>A sliding window caps the keys a query sees at {@code slidingWindowTokens} in
 * {@code slidingWindowLayerCount} of the layers (all of them for Mistral 7B v0.1, every other
 * one for Gemma 2); the other layers attend globally.
 *
 * <p>Immutable and thread-safe.
 *
 * @param headCount query heads n<sub>h</sub>, &gt; 0
 * @param kvHeadCount key/value heads n<sub>g</sub>, dividing headCount
 * @param headDim per-head query/key (and, without MLA, value) dimension d<sub>h</sub>, &gt; 0
 * @param qkvBias whether the q, k and v projections have biases (GPT-2, Qwen2)
 * @param outputBias whether the output projection has a bias (GPT-2)
 * @param qkNorm whether queries and keys are RMS-normalized per head (Qwen3), a {@code headDim} weight each
 * @param slidingWindowTokens the window of the sliding-window layers, if any
 * @param slidingWindowLayerCount how many layers use the window, 0 without one
 * @param mla the latent attention dimensions, for DeepSeek-V2/V3
 */
public record Attention(
        int headCount,
        int kvHeadCount,
        int headDim,
        boolean qkvBias,
        boolean outputBias,
        boolean qkNorm,
        OptionalInt slidingWindowTokens,
        int slidingWindowLayerCount,
        Optional<Mla> mla) {

    /**
     * Validates the heads and the window.
     *
     * @throws IllegalArgumentException naming the field if a value is out of range or the heads do not group
     */
    public Attention {
        Checks.positive("attention.headCount", headCount);
        Checks.positive("attention.kvHeadCount", kvHeadCount);
        Checks.positive("attention.headDim", headDim);
        if (headCount % kvHeadCount != 0) {
            throw new IllegalArgumentException("attention.kvHeadCount must divide attention.headCount (" + headCount
                    + "), was " + kvHeadCount);
        }
        Checks.notNull("attention.slidingWindowTokens", slidingWindowTokens);
        Checks.nonNegative("attention.slidingWindowLayerCount", slidingWindowLayerCount);
        if (slidingWindowTokens.isPresent()) {
            Checks.positive("attention.slidingWindowTokens", slidingWindowTokens.getAsInt());
            if (slidingWindowLayerCount == 0) {
                throw new IllegalArgumentException("attention.slidingWindowLayerCount must be > 0 when a window is set");
            }
        } else if (slidingWindowLayerCount != 0) {
            throw new IllegalArgumentException("attention.slidingWindowLayerCount must be 0 without a window, was "
                    + slidingWindowLayerCount);
        }
        Checks.notNull("attention.mla", mla);
        if (mla.isPresent()) {
            if (kvHeadCount != headCount) {
                throw new IllegalArgumentException("attention.kvHeadCount must equal headCount with MLA, was " + kvHeadCount);
            }
            if (headDim != mla.get().qkHeadDim()) {
                throw new IllegalArgumentException("attention.headDim must be qkNopeHeadDim + qkRopeHeadDim ("
                        + mla.get().qkHeadDim() + ") with MLA, was " + headDim);
            }
        }
    }

    /**
     * Creates standard (MHA/GQA/MQA) attention without biases, norms or window.
     *
     * @param headCount query heads
     * @param kvHeadCount key/value heads
     * @param headDim head dimension
     * @return the attention
     */
    public static Attention of(int headCount, int kvHeadCount, int headDim) {
        return new Attention(headCount, kvHeadCount, headDim, false, false, false, OptionalInt.empty(), 0,
                Optional.empty());
    }

    /**
     * Returns the width of the query projection.
     *
     * @return headCount &times; headDim
     */
    public long queryWidth() {
        return (long) headCount * headDim;
    }

    /**
     * Returns the width of the key projection (and of the value projection without MLA).
     *
     * @return kvHeadCount &times; headDim
     */
    public long kvWidth() {
        return (long) kvHeadCount * headDim;
    }

    /**
     * Returns the per-head value dimension.
     *
     * @return {@code mla.vHeadDim} with MLA, otherwise headDim
     */
    public int valueHeadDim() {
        return mla.map(Mla::vHeadDim).orElse(headDim);
    }

    /**
     * Returns the width of the attention output before the output projection.
     *
     * @return headCount &times; value head dimension
     */
    public long outputWidth() {
        return (long) headCount * valueHeadDim();
    }

    /**
     * Names the attention kind.
     *
     * @return {@code "MLA"}, {@code "MHA"}, {@code "MQA"} or {@code "GQA"}
     */
    public String kind() {
        if (mla.isPresent()) {
            return "MLA";
        }
        return kvHeadCount == headCount ? "MHA" : kvHeadCount == 1 ? "MQA" : "GQA";
    }

    /**
     * Returns the elements of K and V cached per token and layer: 2 &middot; n<sub>g</sub>
     * &middot; d<sub>h</sub> for MHA/GQA/MQA, d<sub>c</sub> + d<sub>h</sub><sup>R</sup> for MLA
     * (DeepSeek-V2 Table 1).
     *
     * @return elements per token per layer
     */
    public long kvCacheElementsPerTokenPerLayer() {
        return mla.map(m -> (long) m.cachedElementsPerTokenPerLayer()).orElse(2L * kvHeadCount * headDim);
    }
}
