package io.github.roofline4j.search;

import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.ServingPlan;

/**
 * One serving configuration found by {@link ServingSearch}: the largest batch that meets the
 * latency targets for its devices, parallelism and formats.
 *
 * @param rank 1 for the best (within its list)
 * @param plan the serving plan
 * @param format the weight/KV format label ({@code bf16}, {@code fp8}, {@code int8}, {@code int4}, with
 *        {@code /kv-fp8} when the KV cache is FP8)
 * @param tokensPerSecondPerDevice generated tokens per second per device over a whole request
 *        (batch &times; output tokens / end-to-end seconds / devices)
 * @param estimate the estimate of the plan
 */
public record ServingCandidate(int rank, ServingPlan plan, String format, double tokensPerSecondPerDevice,
        InferenceEstimate estimate) {
}
