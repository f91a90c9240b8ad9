package io.github.roofline4j.parallel;

/**
 * What training keeps in host memory instead of device memory (ZeRO-Offload, Ren et al. 2021;
 * ZeRO-Infinity).
 */
public enum Offload {
    /** Everything on the device. */
    NONE,
    /** The optimizer states (and the update) on the host: gradients go down and weights come back each step. */
    OPTIMIZER,
    /** The optimizer states and the weights on the host: weights are also streamed in for every pass. */
    OPTIMIZER_AND_PARAMETERS
}
