package io.github.roofline4j.parallel;

import io.github.roofline4j.hardware.DataType;

/**
 * The number formats of training.
 */
public enum TrainingPrecision {
    /** BF16 weights, activations and gradients, FP32 master weights and optimizer states. */
    BF16(DataType.BF16),
    /**
     * FP16 weights, activations and gradients with loss scaling, FP32 master weights and optimizer
     * states (Micikevicius et al. 2018): the mixed precision of GPUs without BF16 (V100, T4).
     */
    FP16(DataType.FP16),
    /**
     * FP8 (E4M3) matrix products, as Transformer Engine runs them, with BF16 weights, activations
     * and gradients and FP32 master weights and optimizer states; attention and everything else in BF16.
     */
    FP8(DataType.FP8_E4M3);

    private final DataType matmulType;

    TrainingPrecision(DataType matmulType) {
        this.matmulType = matmulType;
    }

    /**
     * Returns the data type of the layers' matrix products.
     *
     * @return BF16, FP16 or FP8 E4M3
     */
    public DataType matmulType() {
        return matmulType;
    }
}
