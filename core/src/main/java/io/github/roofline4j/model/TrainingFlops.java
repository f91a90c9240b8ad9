package io.github.roofline4j.model;

import io.github.roofline4j.units.UnitFormat;

/**
 * Training FLOPs per token: model FLOPs (forward plus backward, three forward passes' worth) and
 * hardware FLOPs (those plus what recomputation adds), the two numerators of MFU and HFU
 * (Chowdhery et al. 2022, App. B; Korthikanti et al. 2022 §6).
 *
 * <p>Immutable and thread-safe.
 *
 * @param modelFlops forward + backward FLOPs per token, 3 &times; forward
 * @param hardwareFlops model FLOPs plus recomputed forward FLOPs per token
 */
public record TrainingFlops(double modelFlops, double hardwareFlops) {

    @Override
    public String toString() {
        return UnitFormat.flops(modelFlops) + " model, " + UnitFormat.flops(hardwareFlops) + " hardware FLOP per token";
    }
}
