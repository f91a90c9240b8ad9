package io.github.roofline4j.workload;

/**
 * How multi-head latent attention is computed (DeepSeek-V2 §2.1.3).
 */
public enum MlaForm {
    /** Decompress the cached latent into per-head keys and values, then attend with n_h heads. */
    NAIVE,
    /**
     * Absorb the key up-projection into the query and the value up-projection into the output,
     * and attend over the latent directly: one shared KV "head" of d_c + d_h^R, as in decode kernels
     * (FlashMLA).
     */
    ABSORBED,
    /** NAIVE for prefill and training, ABSORBED for decode: what serving engines do. */
    AUTO
}
