package io.github.roofline4j.model;

import io.github.roofline4j.support.Checks;

/**
 * Multi-head latent attention (DeepSeek-V2 §2.1, DeepSeek-V3): queries and keys/values pass
 * through low-rank latents, and only the compressed KV latent plus a shared rotary key are cached.
 *
 * <p>Paper symbols: {@code qLoraRank} = d<sub>c</sub>' (0 means queries are projected directly),
 * {@code kvLoraRank} = d<sub>c</sub>, {@code qkRopeHeadDim} = d<sub>h</sub><sup>R</sup>,
 * {@code qkNopeHeadDim} + {@code qkRopeHeadDim} = the query/key head dimension, {@code vHeadDim}
 * = the value head dimension. The KV cache holds {@code kvLoraRank + qkRopeHeadDim} elements per
 * token per layer (DeepSeek-V2 Table 1: (d<sub>c</sub> + d<sub>h</sub><sup>R</sup>)&middot;l; 576 for V2 and V3).
 *
 * <p>Immutable and thread-safe.
 *
 * @param qLoraRank rank of the query down-projection, 0 for none (DeepSeek-V2-Lite)
 * @param kvLoraRank rank of the KV latent d<sub>c</sub>, &gt; 0
 * @param qkNopeHeadDim per-head query/key dimension without rotary position, &gt; 0
 * @param qkRopeHeadDim per-head query/key dimension with rotary position (the key part shared by heads), &gt; 0
 * @param vHeadDim per-head value dimension, &gt; 0
 */
public record Mla(int qLoraRank, int kvLoraRank, int qkNopeHeadDim, int qkRopeHeadDim, int vHeadDim) {

    /**
     * Validates the dimensions.
     *
     * @throws IllegalArgumentException naming the field if a dimension is out of range
     */
    public Mla {
        Checks.nonNegative("mla.qLoraRank", qLoraRank);
        Checks.positive("mla.kvLoraRank", kvLoraRank);
        Checks.positive("mla.qkNopeHeadDim", qkNopeHeadDim);
        Checks.positive("mla.qkRopeHeadDim", qkRopeHeadDim);
        Checks.positive("mla.vHeadDim", vHeadDim);
    }

    /**
     * Returns the query/key head dimension.
     *
     * @return qkNopeHeadDim + qkRopeHeadDim
     */
    public int qkHeadDim() {
        return qkNopeHeadDim + qkRopeHeadDim;
    }

    /**
     * Returns the elements cached per token and layer in the weight-absorbed form.
     *
     * @return kvLoraRank + qkRopeHeadDim
     */
    public int cachedElementsPerTokenPerLayer() {
        return kvLoraRank + qkRopeHeadDim;
    }
}
