/**
 * Roofline pricing: the roofline of an accelerator per data type (ridge point, attainable FLOP/s,
 * bound), and the turning of operations into time.
 */
package io.github.roofline4j.roofline;
