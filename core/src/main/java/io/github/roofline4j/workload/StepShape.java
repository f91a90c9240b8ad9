package io.github.roofline4j.workload;

import io.github.roofline4j.support.Checks;

/**
 * The tokens of one forward step: {@code batch} sequences, each adding {@code queryTokens} to a
 * cache that already holds {@code priorContextTokens}, with logits for the last
 * {@code logitTokens} of each.
 *
 * <p>Prefill of a prompt of P tokens is (P, 0, 1); a decode step at context c is (1, c, 1); the
 * verification of k speculated tokens is (k + 1, c, k + 1).
 *
 * <p>Immutable and thread-safe.
 *
 * @param batch sequences, &gt; 0
 * @param queryTokens new tokens per sequence, &gt; 0
 * @param priorContextTokens tokens already cached per sequence, &ge; 0
 * @param logitTokens tokens per sequence whose logits are computed, in [0, queryTokens]
 * @param writesCache whether the new keys and values are appended to a KV cache (serving), or are
 *        only activations (training)
 */
public record StepShape(long batch, long queryTokens, long priorContextTokens, long logitTokens, boolean writesCache) {

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if a count is out of range
     */
    public StepShape {
        Checks.positive("batch", batch);
        Checks.positive("queryTokens", queryTokens);
        Checks.nonNegative("priorContextTokens", priorContextTokens);
        Checks.nonNegative("logitTokens", logitTokens);
        if (logitTokens > queryTokens) {
            throw new IllegalArgumentException("logitTokens must be <= queryTokens (" + queryTokens + "), was " + logitTokens);
        }
    }

    /**
     * A serving step, which appends the new keys and values to the KV cache.
     *
     * @param batch sequences
     * @param queryTokens new tokens per sequence
     * @param priorContextTokens tokens already cached per sequence
     * @param logitTokens tokens per sequence whose logits are computed
     */
    public StepShape(long batch, long queryTokens, long priorContextTokens, long logitTokens) {
        this(batch, queryTokens, priorContextTokens, logitTokens, true);
    }

    /**
     * The forward pass of a training micro-batch: every token gets logits, nothing is cached. With
     * context parallelism over {@code contextParallel} devices, each holds sequenceTokens / cp tokens
     * of every sequence, load-balanced so that its queries see as many keys as the sequence's mean
     * (Megatron-LM's zigzag split): modelled as queries placed after (s &minus; s/cp)/2 earlier tokens.
     *
     * @param microBatch sequences in the micro-batch
     * @param sequenceTokens tokens per sequence
     * @param contextParallel devices the sequence is split over, dividing it
     * @return the shape
     * @throws IllegalArgumentException if cp does not divide the sequence
     */
    public static StepShape training(long microBatch, long sequenceTokens, int contextParallel) {
        Checks.positive("contextParallel", contextParallel);
        if (sequenceTokens % contextParallel != 0) {
            throw new IllegalArgumentException("context parallelism " + contextParallel + " must divide the sequence of "
                    + sequenceTokens + " tokens");
        }
        long local = sequenceTokens / contextParallel;
        return new StepShape(microBatch, local, (sequenceTokens - local) / 2, local, false);
    }

    /**
     * The prefill of a prompt: logits of its last token only.
     *
     * @param batch sequences
     * @param promptTokens prompt tokens per sequence
     * @return the shape
     */
    public static StepShape prefill(long batch, long promptTokens) {
        return new StepShape(batch, promptTokens, 0, 1);
    }

    /**
     * One decode step.
     *
     * @param batch sequences
     * @param contextTokens tokens already cached per sequence
     * @return the shape
     */
    public static StepShape decode(long batch, long contextTokens) {
        return new StepShape(batch, 1, contextTokens, 1);
    }

    /**
     * Returns the new tokens of the step.
     *
     * @return batch &times; queryTokens
     */
    public long tokens() {
        return batch * queryTokens;
    }

    /**
     * Returns the context length after the step.
     *
     * @return priorContextTokens + queryTokens
     */
    public long contextAfter() {
        return priorContextTokens + queryTokens;
    }
}
