/**
 * The sourced hardware catalog: accelerators and cluster presets as JSON resources, and
 * {@link io.github.roofline4j.catalog.HardwareCatalog}, their loader.
 */
package io.github.roofline4j.catalog;
