/**
 * Charts of estimates through XChart: roofline plots and stacked breakdowns, written as PNG and SVG.
 */
package io.github.roofline4j.charts;
