package io.github.roofline4j.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import io.github.roofline4j.catalog.validation.PublishedResult;

/** Checks of predictions against the published results bundled in {@code io.github.roofline4j.catalog.validation}. */
final class Published {

    private Published() {
    }

    /**
     * Asserts that a prediction passes its check: within its tolerance of the published value, or at least the
     * published value for an upper bound.
     *
     * @param result the published result and the prediction
     */
    static void check(PublishedResult result) {
        assertTrue(result.passes(), result::toString);
    }

    /**
     * Returns the cases of one published table or run, named by their case, as test arguments.
     *
     * @param results the results of a group
     * @param family the family to keep
     * @return (case name, result) pairs
     */
    static Stream<Arguments> family(List<PublishedResult> results, String family) {
        List<PublishedResult> of = results.stream().filter(r -> r.family().equals(family)).toList();
        assertFalse(of.isEmpty(), "no cases of " + family);
        return of.stream().map(r -> Arguments.of(r.caseName(), r));
    }
}
