package io.github.roofline4j.hardware;

import io.github.roofline4j.support.Checks;
import io.github.roofline4j.units.UnitFormat;

/**
 * How an accelerator executes math requested in a data type: natively on its matrix units, on
 * the matrix units after an exact upcast to a wider type, or on its vector units.
 *
 * <p>Returned by {@link Accelerator#computePath(DataType)}; see there for the rule.
 *
 * <p>Immutable and thread-safe.
 *
 * @param requested the data type the math was asked for in
 * @param executedAs the data type the hardware runs it in
 * @param matrixUnits true if the math runs on matrix (tensor) units, false for vector units
 * @param flopsPerSecond the dense peak rate of that path, FLOP per second (OPS for integers)
 */
public record ComputePath(DataType requested, DataType executedAs, boolean matrixUnits, double flopsPerSecond) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a type is null or the rate is not positive and finite
     */
    public ComputePath {
        Checks.notNull("requested", requested);
        Checks.notNull("executedAs", executedAs);
        Checks.positive("flopsPerSecond", flopsPerSecond);
    }

    /**
     * Tells whether the hardware runs the requested type natively on its matrix units.
     *
     * @return true when no upcast and no vector fallback is involved
     */
    public boolean isNative() {
        return matrixUnits && requested == executedAs;
    }

    /**
     * Explains the path in one sentence.
     *
     * @return for example {@code "FP8 (E4M3) runs as BF16 on the matrix units (exact upcast; no native FP8 (E4M3)) at 312 TFLOP/s"}
     */
    public String describe() {
        String rate = UnitFormat.flopsPerSecond(flopsPerSecond);
        if (isNative()) {
            return requested.displayName() + " runs natively on the matrix units at " + rate;
        }
        String units = matrixUnits ? "the matrix units" : "the vector units";
        if (requested == executedAs) {
            return requested.displayName() + " runs on " + units + " (no matrix path) at " + rate;
        }
        return requested.displayName() + " runs as " + executedAs.displayName() + " on " + units
                + " (exact upcast; no native " + requested.displayName() + ") at " + rate;
    }

    @Override
    public String toString() {
        return describe();
    }
}
