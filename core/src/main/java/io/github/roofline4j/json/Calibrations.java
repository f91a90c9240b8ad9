package io.github.roofline4j.json;

import io.github.roofline4j.calibration.CalibrationProfile;
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.support.Json;
import tools.jackson.databind.node.ObjectNode;

/** The {@code calibration} of an estimating request: the efficiency model it selects, and its JSON. */
final class Calibrations {

    private Calibrations() {
    }

    /**
     * Returns the efficiency model of an accelerator: its defaults, or calibrated by the profile.
     *
     * @param calibration the profile, or null
     * @param accelerator the accelerator
     * @return the model
     * @throws IllegalArgumentException prefixed {@code calibration:} if the profile belongs to another accelerator
     */
    static EfficiencyModel efficiency(CalibrationProfile calibration, Accelerator accelerator) {
        if (calibration == null) {
            return EfficiencyDefaults.forAccelerator(accelerator);
        }
        try {
            return calibration.efficiencyFor(accelerator);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("calibration: " + e.getMessage());
        }
    }

    /** Writes the profile inline, if any. */
    static void write(ObjectNode request, CalibrationProfile calibration) {
        if (calibration != null) {
            request.set("calibration", Json.parse(calibration.toJson(), "calibration profile"));
        }
    }
}
