/**
 * Charts through XChart: roofline plots (and, later, breakdowns of estimates), written as PNG and
 * SVG, headless.
 */
package io.github.roofline4j.charts;
