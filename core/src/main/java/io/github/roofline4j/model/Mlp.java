package io.github.roofline4j.model;

import io.github.roofline4j.support.Checks;

/**
 * The feed-forward block of a dense layer (or one expert of an MoE layer).
 *
 * <p>A gated MLP (SwiGLU in Llama, GeGLU in Gemma; Shazeer 2020) has three matrices, gate and up
 * (hidden &rarr; intermediate) and down (intermediate &rarr; hidden); a plain MLP (GPT-2, OPT)
 * has two.
 *
 * <p>Immutable and thread-safe.
 *
 * @param intermediateSize the inner width d<sub>ff</sub>, &gt; 0
 * @param gated whether the MLP is gated (three matrices)
 * @param bias whether the linear layers have biases
 * @param activation the activation function as the config names it, such as {@code silu} or {@code gelu_new}
 */
public record Mlp(int intermediateSize, boolean gated, boolean bias, String activation) {

    /**
     * Validates the width and activation.
     *
     * @throws IllegalArgumentException if the width is not positive or the activation blank
     */
    public Mlp {
        Checks.positive("mlp.intermediateSize", intermediateSize);
        Checks.notBlank("mlp.activation", activation);
    }

    /**
     * Returns the number of weight matrices.
     *
     * @return 3 when gated, otherwise 2
     */
    public int matrixCount() {
        return gated ? 3 : 2;
    }

    /**
     * Returns the parameters of this MLP on a hidden size.
     *
     * @param hiddenSize the model's hidden size d
     * @return matrices &middot; d &middot; d<sub>ff</sub>, plus biases
     *         ((matrices &minus; 1) &middot; d<sub>ff</sub> + d) when present
     */
    public long parameterCount(int hiddenSize) {
        long weights = (long) matrixCount() * hiddenSize * intermediateSize;
        long biases = bias ? (long) (matrixCount() - 1) * intermediateSize + hiddenSize : 0;
        return weights + biases;
    }
}
