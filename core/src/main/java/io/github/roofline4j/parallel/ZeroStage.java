package io.github.roofline4j.parallel;

/**
 * What the data-parallel ranks shard among themselves (Rajbhandari et al. 2020, "ZeRO: Memory
 * Optimizations Toward Training Trillion Parameter Models", §5). PyTorch FSDP's
 * {@code SHARD_GRAD_OP} is stage 2 and {@code FULL_SHARD} stage 3.
 */
public enum ZeroStage {
    /** Nothing sharded: every rank keeps weights, gradients and optimizer states (plain data parallelism). */
    NONE(0),
    /** Optimizer states sharded (P<sub>os</sub>); Megatron's distributed optimizer. */
    OPTIMIZER(1),
    /** Optimizer states and gradients sharded (P<sub>os+g</sub>); FSDP SHARD_GRAD_OP. */
    GRADIENTS(2),
    /** Optimizer states, gradients and weights sharded (P<sub>os+g+p</sub>); FSDP FULL_SHARD. */
    PARAMETERS(3);

    private final int stage;

    ZeroStage(int stage) {
        this.stage = stage;
    }

    /**
     * Returns the stage number.
     *
     * @return 0, 1, 2 or 3
     */
    public int stage() {
        return stage;
    }

    /**
     * Returns the stage with a number.
     *
     * @param stage 0, 1, 2 or 3
     * @return the stage
     * @throws IllegalArgumentException if the number is not a ZeRO stage
     */
    public static ZeroStage of(int stage) {
        for (ZeroStage z : values()) {
            if (z.stage == stage) {
                return z;
            }
        }
        throw new IllegalArgumentException("zero must be 0, 1, 2 or 3, was " + stage);
    }
}
