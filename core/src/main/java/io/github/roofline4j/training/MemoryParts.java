package io.github.roofline4j.training;

import io.github.roofline4j.support.Checks;

/**
 * The memory of one device in training, by part; the {@code memoryPerGpuBytes} of the JSON.
 *
 * <p>Immutable and thread-safe.
 *
 * @param weights weights, bytes
 * @param gradients gradients, bytes
 * @param optimizer optimizer states, bytes
 * @param activations activations kept for the backward pass, bytes
 * @param buffers communication buffers and gathered weights, bytes
 * @param total the sum, bytes
 * @param available the memory available per device, bytes
 */
public record MemoryParts(long weights, long gradients, long optimizer, long activations, long buffers, long total,
        long available) {

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if a part is negative or the total is not their sum
     */
    public MemoryParts {
        Checks.nonNegative("weights", weights);
        Checks.nonNegative("gradients", gradients);
        Checks.nonNegative("optimizer", optimizer);
        Checks.nonNegative("activations", activations);
        Checks.nonNegative("buffers", buffers);
        Checks.nonNegative("available", available);
        if (total != weights + gradients + optimizer + activations + buffers) {
            throw new IllegalArgumentException("total must be the sum of the parts, was " + total);
        }
    }
}
