package io.github.roofline4j.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {

    @Test
    void positive_messageNamesFieldRuleAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.positive("memoryBandwidthBytesPerSecond", -1.0));
        assertEquals("memoryBandwidthBytesPerSecond must be > 0 and finite, was -1.0", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.0, -1e-300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void positive_rejectsZeroNegativeAndNonFinite(double value) {
        assertThrows(IllegalArgumentException.class, () -> Checks.positive("x", value));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void nonNegative_rejectsNegativeAndNonFinite(double value) {
        assertThrows(IllegalArgumentException.class, () -> Checks.nonNegative("x", value));
    }

    @Test
    void inRange_messageShowsRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.inRange("acceptanceRate", 1.5, 0.0, 1.0));
        assertEquals("acceptanceRate must be in [0, 1], was 1.5", e.getMessage());
    }

    @Test
    void notBlank_rejectsBlankAndNull() {
        assertThrows(IllegalArgumentException.class, () -> Checks.notBlank("id", " "));
        assertThrows(IllegalArgumentException.class, () -> Checks.notBlank("id", null));
    }

    @Test
    void nonNegative_negativeZeroBecomesPositiveZero() {
        double v = Checks.nonNegative("latencySeconds", -0.0);
        assertEquals(0, Double.compare(0.0, v), "expected +0.0, was " + v);
        assertEquals(2.5, Checks.nonNegative("x", 2.5));
    }

    @Test
    void atLeast_messageNamesFieldRuleAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.atLeast("peakFlopsPerSecond.BF16", 0.5, 1));
        assertEquals("peakFlopsPerSecond.BF16 must be >= 1 and finite, was 0.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Checks.atLeast("x", Double.POSITIVE_INFINITY, 1));
        assertThrows(IllegalArgumentException.class, () -> Checks.atLeast("x", Double.NaN, 1));
        assertEquals(1.0, Checks.atLeast("x", 1.0, 1));
    }

    @Test
    void unknownName_idsForCatalogKindsNamesOtherwise() {
        assertEquals("unknown accelerator 'h10'; closest ids: h100-sxm",
                new UnknownNameException("accelerator", "h10", List.of("h100-sxm")).getMessage());
        assertEquals("unknown model 'x'; closest ids: y", new UnknownNameException("model", "x", List.of("y"))
                .getMessage());
        assertEquals("unknown cluster 'x'; closest ids: y",
                new UnknownNameException("cluster", "x", List.of("y")).getMessage());
        assertEquals("unknown data type 'bf61'; closest names: bf16",
                new UnknownNameException("data type", "bf61", List.of("bf16")).getMessage());
        assertEquals("unknown KV-cache format 'x'", new UnknownNameException("KV-cache format", "x", List.of())
                .getMessage());
    }
}
