/**
 * Hardware descriptors: data types, accelerators with the source of each figure, links, and
 * clusters on a two-level (scale-up, scale-out) topology; and their JSON form.
 *
 * <p>The descriptors hold datasheet peaks; what is achievable is the business of the efficiency
 * model in the pricing layer. The {@code roofline4j-hardware-catalog} artifact provides sourced
 * instances; any accelerator can also be built by hand or read from the user's own JSON.
 */
package io.github.roofline4j.hardware;
