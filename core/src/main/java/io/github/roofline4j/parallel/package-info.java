/**
 * Parallel plans for training: tensor, sequence, pipeline (with interleaving), data, context and
 * expert parallelism, ZeRO sharding, micro-batching, recomputation, offload, precision and
 * optimizer, validated with the rule each constraint comes from.
 */
package io.github.roofline4j.parallel;
