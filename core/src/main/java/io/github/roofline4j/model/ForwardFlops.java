package io.github.roofline4j.model;

import io.github.roofline4j.support.Checks;
import io.github.roofline4j.units.UnitFormat;

/**
 * The FLOPs of one token's forward pass, split by kind.
 *
 * <p>A matrix product of an (m &times; k) by a (k &times; n) matrix is 2mkn FLOPs (one
 * multiply and one add per term). Per token that makes each weight matrix of the layers
 * 2 &middot; in &middot; out FLOPs; attention adds 2 &middot; d<sub>qk</sub> per key for the
 * scores and 2 &middot; d<sub>v</sub> per key for the weighted values, per head; the output
 * head adds 2 &middot; hidden &middot; vocab. Biases, norms, activations, softmax and rotary are
 * lower order and left out, as in Kaplan et al. (2020) Table 1 and Narayanan et al. (2021) eq. 3.
 *
 * <p>Immutable and thread-safe.
 *
 * @param matmulFlops the weight matrices of the layers (projections, MLPs, active experts, routers), &ge; 0 and finite
 * @param attentionFlops the attention scores and weighted values, &ge; 0 and finite
 * @param logitsFlops the output head, &ge; 0 and finite
 */
public record ForwardFlops(double matmulFlops, double attentionFlops, double logitsFlops) {

    /**
     * Validates the components; {@code -0.0} is stored as {@code 0.0}.
     *
     * @throws IllegalArgumentException naming the component if one is negative, NaN or infinite,
     *         or if their total is infinite
     */
    public ForwardFlops {
        matmulFlops = Checks.nonNegative("matmulFlops", matmulFlops);
        attentionFlops = Checks.nonNegative("attentionFlops", attentionFlops);
        logitsFlops = Checks.nonNegative("logitsFlops", logitsFlops);
        Checks.nonNegative("total", matmulFlops + attentionFlops + logitsFlops);
    }

    /**
     * Returns the total.
     *
     * @return matmul + attention + logits FLOPs
     */
    public double total() {
        return matmulFlops + attentionFlops + logitsFlops;
    }

    @Override
    public String toString() {
        return UnitFormat.flops(total()) + " per token (matmul " + UnitFormat.flops(matmulFlops) + ", attention "
                + UnitFormat.flops(attentionFlops) + ", logits " + UnitFormat.flops(logitsFlops) + ")";
    }
}
