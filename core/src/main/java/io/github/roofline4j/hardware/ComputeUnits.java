package io.github.roofline4j.hardware;

import io.github.roofline4j.support.Checks;

/**
 * The parallel compute units of an accelerator, over which work is spread in waves: streaming
 * multiprocessors on NVIDIA GPUs, compute units on AMD Instinct, TensorCores on TPUs, matrix
 * engines on Gaudi, NeuronCores on Trainium.
 *
 * <p>Immutable and thread-safe.
 *
 * @param count how many units the device has, &gt; 0
 * @param kind what a unit is called, such as {@code "SM"} or {@code "CU"}
 */
public record ComputeUnits(int count, String kind) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if the count is not positive or the kind blank
     */
    public ComputeUnits {
        Checks.positive("computeUnits.count", count);
        Checks.notBlank("computeUnits.kind", kind);
    }

    @Override
    public String toString() {
        return count + " " + kind;
    }
}
