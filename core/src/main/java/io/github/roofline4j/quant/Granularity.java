package io.github.roofline4j.quant;

/**
 * How many elements of a weight matrix share one quantization scale.
 */
public enum Granularity {
    /** No scales: the elements are stored as they are (BF16, FP16, FP32). */
    NONE,
    /** One scale for the whole tensor. */
    PER_TENSOR,
    /** One scale per output channel (row of the rows &times; cols weight matrix). */
    PER_CHANNEL,
    /** One scale (and zero point, if any) per group of consecutive elements along the input dimension. */
    GROUP,
    /** One scale per square block of the matrix (DeepSeek-V3's 128 &times; 128 FP8 blocks). */
    BLOCK
}
