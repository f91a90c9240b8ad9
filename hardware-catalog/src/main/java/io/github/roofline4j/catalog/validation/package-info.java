/**
 * The published results the library is validated against, each with its source and tolerance,
 * run through the library: used by the validation tests and by {@code roofline4j validate}, which
 * prints the accuracy report.
 */
package io.github.roofline4j.catalog.validation;
