package io.github.roofline4j.calibration;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.support.Checks;

/**
 * The size-aware matrix-unit efficiency of one data type, fitted or set by hand: the sustained
 * fraction of the peak ({@link io.github.roofline4j.roofline.EfficiencyModel#matmulFraction}) and the
 * K-loop fill ({@link io.github.roofline4j.roofline.EfficiencyModel#matmulFillK()}); the tile and
 * wave quantization of the shape are the accelerator family's.
 *
 * <p>Immutable and thread-safe.
 *
 * @param dtype the data type's command-line name, such as {@code bf16} or {@code fp8-e4m3}
 * @param peakEfficiency the sustained fraction of the matrix peak, in (0, 1.2]
 * @param fillK the K-loop fill k<sub>0</sub>, elements of the reduction dimension, &ge; 0
 * @param fit the quality of the fit, or null for parameters set by hand
 */
public record MatmulFit(String dtype, double peakEfficiency, double fillK, FitQuality fit) {

    /**
     * Validates the components and normalizes the data type's name.
     *
     * @throws IllegalArgumentException naming the field if a value is unknown or out of range
     */
    public MatmulFit {
        Checks.notNull("dtype", dtype);
        dtype = DataType.parse(dtype).cliName();
        Checks.inRange("peakEfficiency", peakEfficiency, Double.MIN_NORMAL, 1.2);
        Checks.nonNegative("fillK", fillK);
    }

    /**
     * Returns the data type.
     *
     * @return the data type
     */
    public DataType dataType() {
        return DataType.parse(dtype);
    }
}
