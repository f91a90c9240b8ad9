package io.github.roofline4j.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

/** Comparison of a prediction with a published measurement, with the tolerance stated. */
final class Published {

    private Published() {
    }

    /**
     * Asserts that a prediction is within a relative tolerance of a published value.
     *
     * @param what the case, for the message
     * @param published the published value
     * @param predicted our prediction
     * @param tolerance the allowed relative error, such as 0.25
     * @return the relative error (predicted - published) / published
     */
    static double within(String what, double published, double predicted, double tolerance) {
        double error = (predicted - published) / published;
        assertTrue(Math.abs(error) <= tolerance, String.format(Locale.ROOT,
                "%s: published %.4g, predicted %.4g, relative error %+.1f%% exceeds the %.0f%% tolerance", what,
                published, predicted, 100 * error, 100 * tolerance));
        return error;
    }
}
