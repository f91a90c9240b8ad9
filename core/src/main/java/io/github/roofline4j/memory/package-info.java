/**
 * Memory accounting: what a served or trained model needs per device (weights, KV cache,
 * activations, optimizer states, buffers, reserve) against what the device makes available.
 */
package io.github.roofline4j.memory;
