package io.github.roofline4j.catalog.validation;

import java.util.Locale;

import io.github.roofline4j.support.Checks;

/**
 * One published measurement beside the library's prediction of it.
 *
 * <p>The error is relative, (predicted &minus; published) / published: positive when the model
 * predicts more than was measured (for a throughput: the model is faster). Immutable and
 * thread-safe.
 *
 * @param group what is predicted: kernels, inference, training, memory, parameters
 * @param family the published table or run the case belongs to, such as {@code Megatron-LM Table 1}
 * @param caseName the case, such as {@code megatron-1.7b TP1 PP1 on 32 GPUs}
 * @param metric what is compared, with its unit, such as {@code TFLOP/s per GPU}
 * @param published the published value, &gt; 0
 * @param predicted the library's prediction, &ge; 0
 * @param tolerance the relative error the validation tests allow, &ge; 0
 * @param check how the prediction is judged
 * @param source where the published value comes from
 */
public record PublishedResult(Group group, String family, String caseName, String metric, double published,
        double predicted, double tolerance, Check check, String source) {

    /** What a prediction is of. */
    public enum Group {
        /** Kernel throughputs: attention, GEMMs. */
        KERNELS,
        /** Serving speed. */
        INFERENCE,
        /** Training throughput, step time, MFU, time to train. */
        TRAINING,
        /** Memory: KV cache, weights. */
        MEMORY,
        /** Parameter counts. */
        PARAMETERS;

        /**
         * Returns the lower-case name.
         *
         * @return the name, such as {@code "training"}
         */
        public String displayName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a prediction is judged. */
    public enum Check {
        /** |error| &le; tolerance: a validation. */
        WITHIN,
        /** predicted &ge; published: the model is only an upper bound there (a collapse it does not model). */
        UPPER_BOUND,
        /** |error| &le; tolerance, the value having been derived from this very measurement: a consistency check. */
        CONSISTENCY
    }

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException naming the field if a value is missing or out of range
     */
    public PublishedResult {
        Checks.notNull("group", group);
        Checks.notBlank("family", family);
        Checks.notBlank("caseName", caseName);
        Checks.notBlank("metric", metric);
        Checks.positive("published", published);
        Checks.nonNegative("predicted", predicted);
        Checks.nonNegative("tolerance", tolerance);
        Checks.notNull("check", check);
        Checks.notBlank("source", source);
    }

    /**
     * Returns the relative error of the prediction.
     *
     * @return (predicted &minus; published) / published
     */
    public double error() {
        return (predicted - published) / published;
    }

    /**
     * Tells whether the prediction passes its check.
     *
     * @return true if it is within the tolerance (or above the published value, for an upper bound)
     */
    public boolean passes() {
        return check == Check.UPPER_BOUND ? predicted >= published : Math.abs(error()) <= tolerance;
    }

    /**
     * Tells whether the case counts in the error statistics: validations do; upper bounds and consistency checks
     * do not.
     *
     * @return true for {@link Check#WITHIN}
     */
    public boolean isValidation() {
        return check == Check.WITHIN;
    }

    /**
     * Describes the comparison, as a test failure message does.
     *
     * @return case, published, predicted and error
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: published %.4g, predicted %.4g %s, relative error %+.1f%% (%s %.0f%%)",
                caseName, published, predicted, metric, 100 * error(),
                check == Check.UPPER_BOUND ? "upper bound" : "tolerance", 100 * tolerance);
    }
}
