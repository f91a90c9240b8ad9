package io.github.roofline4j.validation;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.roofline4j.catalog.validation.PublishedResult;
import io.github.roofline4j.catalog.validation.PublishedResults;

/**
 * Memory and parameter counts against what papers, blogs and model cards state ({@link PublishedResults#memory()},
 * {@link PublishedResults#parameters()}): KV cache per token exact where the source gives its formula, rounded
 * statements within their rounding; parameter counts within half a unit of the printed digit (GPT-3 Table 2.1:
 * 2 %).
 */
class MemoryValidationTest {

    static Stream<Arguments> memory() {
        return PublishedResults.memory().stream().map(r -> Arguments.of(r.caseName(), r));
    }

    static Stream<Arguments> parameters() {
        return PublishedResults.parameters().stream().map(r -> Arguments.of(r.family() + ": " + r.caseName(), r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("memory")
    void memory_asPublished(String name, PublishedResult result) {
        Published.check(result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameters")
    void parameters_asPublished(String name, PublishedResult result) {
        Published.check(result);
    }
}
