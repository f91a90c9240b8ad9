/**
 * Serving estimates: time to first token, time per output token, throughput, end-to-end latency,
 * memory and capacity, under tensor and pipeline parallelism, quantization and speculative decoding.
 */
package io.github.roofline4j.inference;
