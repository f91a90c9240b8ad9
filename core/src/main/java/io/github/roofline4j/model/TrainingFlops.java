package io.github.roofline4j.model;

import java.util.Locale;

import io.github.roofline4j.support.Checks;
import io.github.roofline4j.units.UnitFormat;

/**
 * Training FLOPs per token: model FLOPs (forward plus backward, three forward passes' worth) and
 * hardware FLOPs (those plus what recomputation adds), the two numerators of MFU and HFU
 * (Chowdhery et al. 2022, App. B; Korthikanti et al. 2022 §6).
 *
 * <p>Immutable and thread-safe.
 *
 * @param modelFlops forward + backward FLOPs per token, 3 &times; forward, &ge; 0 and finite
 * @param hardwareFlops model FLOPs plus recomputed forward FLOPs per token, &ge; modelFlops and finite
 */
public record TrainingFlops(double modelFlops, double hardwareFlops) {

    /**
     * Validates the components; {@code -0.0} is stored as {@code 0.0}.
     *
     * @throws IllegalArgumentException if a value is negative, NaN or infinite, or the hardware
     *         FLOPs are below the model FLOPs
     */
    public TrainingFlops {
        modelFlops = Checks.nonNegative("modelFlops", modelFlops);
        hardwareFlops = Checks.nonNegative("hardwareFlops", hardwareFlops);
        if (hardwareFlops < modelFlops) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "hardwareFlops must be >= modelFlops (%s), was %s", modelFlops, hardwareFlops));
        }
    }

    @Override
    public String toString() {
        return UnitFormat.flops(modelFlops) + " model, " + UnitFormat.flops(hardwareFlops) + " hardware FLOP per token";
    }
}
