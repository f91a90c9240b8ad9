package io.github.roofline4j.workload;

/**
 * What an operation is, which decides how it is priced.
 */
public enum OperationKind {
    /** A matrix product (GEMM or GEMV) on the matrix units; priced with the size-aware matmul efficiency. */
    MATMUL,
    /** An attention core (scores, softmax, weighted values), fused or not; priced with the attention efficiency. */
    ATTENTION,
    /** Elementwise work (activation, residual add, rotary, softmax of an unfused attention). */
    ELEMENTWISE,
    /** A normalization layer. */
    NORM,
    /** An embedding lookup (a gather). */
    EMBEDDING,
    /** A collective across devices (all-reduce, all-gather, ...); priced on the topology. */
    COLLECTIVE,
    /** A point-to-point transfer between devices (pipeline hand-off). */
    TRANSFER;

    /**
     * Tells whether this kind moves data between devices.
     *
     * @return true for COLLECTIVE and TRANSFER
     */
    public boolean isCommunication() {
        return this == COLLECTIVE || this == TRANSFER;
    }
}
