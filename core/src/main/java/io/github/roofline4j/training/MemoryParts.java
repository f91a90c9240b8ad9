package io.github.roofline4j.training;

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
}
