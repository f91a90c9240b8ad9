/**
 * Quantization: weight formats with their exact storage cost (scales and zero points included),
 * KV-cache formats, and the precision rule that says which data type the math runs in.
 */
package io.github.roofline4j.quant;
