/**
 * Plan search: every valid training plan for a model on a cluster, priced and ranked
 * ({@link io.github.roofline4j.search.TrainingSearch}), and the serving configurations that meet
 * latency targets ({@link io.github.roofline4j.search.ServingSearch}).
 */
package io.github.roofline4j.search;
