/**
 * Small shared building blocks: argument checks, the library's configured JSON mapper, strict
 * reading of JSON objects with paths in the errors, and "did you mean" suggestions.
 */
package io.github.roofline4j.support;
