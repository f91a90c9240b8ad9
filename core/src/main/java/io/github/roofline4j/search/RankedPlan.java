package io.github.roofline4j.search;

import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.training.TrainingEstimate;

/**
 * One plan of a search's result, with its full estimate.
 *
 * @param rank 1 for the best
 * @param plan the plan
 * @param estimate its estimate by {@link io.github.roofline4j.training.TrainingEstimator}
 */
public record RankedPlan(int rank, ParallelPlan plan, TrainingEstimate estimate) {
}
