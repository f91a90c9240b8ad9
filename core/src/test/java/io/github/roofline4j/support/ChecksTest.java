package io.github.roofline4j.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
