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
     * @param hiddenSize the model's hidden size d, &gt; 0
     * @return matrices &middot; d &middot; d<sub>ff</sub>, plus biases
     *         ((matrices &minus; 1) &middot; d<sub>ff</sub> + d) when present
     * @throws IllegalArgumentException if the hidden size is not positive, or the count overflows
     *         a 64-bit integer (a gated MLP with d = d<sub>ff</sub> = 2<sup>31</sup> &minus; 1 has
     *         about 1.4 &middot; 10<sup>19</sup> parameters)
     */
    public long parameterCount(int hiddenSize) {
        Checks.positive("hiddenSize", hiddenSize);
        try {
            return exactParameterCount(hiddenSize);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the MLP's parameter count overflows a 64-bit integer (hiddenSize "
                    + hiddenSize + ", mlp.intermediateSize " + intermediateSize + ", " + matrixCount() + " matrices)");
        }
    }

    /**
     * Returns the parameters of this MLP on a hidden size, for {@link ParameterMath}.
     *
     * @param hiddenSize the model's hidden size d, &gt; 0
     * @return the count of {@link #parameterCount(int)}
     * @throws ArithmeticException if the count overflows a 64-bit integer
     */
    long exactParameterCount(int hiddenSize) {
        long weights = Math.multiplyExact(Math.multiplyExact((long) matrixCount(), (long) hiddenSize),
                (long) intermediateSize);
        long biases = bias ? Math.addExact(Math.multiplyExact((long) (matrixCount() - 1), (long) intermediateSize),
                (long) hiddenSize) : 0;
        return Math.addExact(weights, biases);
    }
}
