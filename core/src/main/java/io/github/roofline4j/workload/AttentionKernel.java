package io.github.roofline4j.workload;

/**
 * How the attention core is computed.
 */
public enum AttentionKernel {
    /**
     * One fused, IO-aware kernel (FlashAttention, Dao et al. 2022): scores stay on chip, masked
     * tiles of a causal mask are skipped, K and V are read once per block of 128 queries.
     */
    FUSED,
    /**
     * Three kernels (scores, softmax, weighted values) that write the scores to device memory and
     * compute the full score matrix before masking, as eager PyTorch does.
     */
    UNFUSED
}
