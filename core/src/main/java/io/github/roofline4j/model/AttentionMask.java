package io.github.roofline4j.model;

/**
 * Which keys the queries of a sequence attend to, for counting attention FLOPs.
 */
public enum AttentionMask {
    /**
     * Every query attends to all keys of the context. The convention of Megatron-LM's FLOPs
     * formula (Narayanan et al. 2021, eq. 3) and of PaLM's MFU (Chowdhery et al. 2022, App. B),
     * which count no savings from causal masking.
     */
    FULL,
    /**
     * Query i attends to keys 1..i, so a sequence of s tokens averages (s + 1)/2 keys per query:
     * the work a causal kernel such as FlashAttention actually does.
     */
    CAUSAL
}
