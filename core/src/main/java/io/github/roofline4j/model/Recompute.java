package io.github.roofline4j.model;

/**
 * Activation recomputation in training (Korthikanti et al. 2022, "Reducing Activation
 * Recomputation in Large Transformer Models").
 */
public enum Recompute {
    /** Keep every activation; no extra compute. */
    NONE,
    /** Recompute the attention core (scores, softmax, dropout, values) in the backward pass. */
    SELECTIVE,
    /** Recompute the whole forward pass of each layer in the backward pass. */
    FULL
}
