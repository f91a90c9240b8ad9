/**
 * Workloads: the operations a step performs (FLOPs, bytes, data type, shapes, communication), as
 * blocks built once per layer and repeated; and the builders of prefill, decode and training steps.
 */
package io.github.roofline4j.workload;
