package io.github.roofline4j.parallel;

/**
 * The optimizer, with the bytes of state it keeps per parameter in mixed-precision training.
 *
 * <p>Mixed precision (Micikevicius et al. 2018; the ZeRO paper's accounting, Rajbhandari et al.
 * 2020 §3.1) keeps an FP32 master copy of the weights beside the 16-bit weights and gradients:
 * Adam adds two FP32 moments, so K = 12 bytes of optimizer state per parameter (4 + 4 + 4) and
 * 2 + 2 + 12 = 16 bytes per parameter in all; SGD with momentum adds one, K = 8.
 */
public enum Optimizer {
    /** Adam or AdamW: FP32 master weights, first and second moments. */
    ADAM(12),
    /** SGD with momentum: FP32 master weights and momentum. */
    SGD_MOMENTUM(8);

    private final int stateBytesPerParameter;

    Optimizer(int stateBytesPerParameter) {
        this.stateBytesPerParameter = stateBytesPerParameter;
    }

    /**
     * Returns the optimizer-state bytes per parameter, K.
     *
     * @return 12 for Adam, 8 for SGD with momentum
     */
    public int stateBytesPerParameter() {
        return stateBytesPerParameter;
    }
}
