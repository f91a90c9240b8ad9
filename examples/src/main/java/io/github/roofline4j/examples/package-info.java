/**
 * Runnable examples of the library, each verified by a test.
 */
package io.github.roofline4j.examples;
