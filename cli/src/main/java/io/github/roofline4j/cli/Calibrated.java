package io.github.roofline4j.cli;

import java.nio.file.Path;

import io.github.roofline4j.calibration.CalibrationProfile;
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.EfficiencyModel;
import picocli.CommandLine.Option;

/** The {@code --calibration} option of the estimating commands: a profile written by {@code roofline4j calibrate}. */
final class Calibrated {

    @Option(names = "--calibration", paramLabel = "FILE",
            description = "A calibration profile (from 'roofline4j calibrate -o FILE') to use instead of the default efficiency model.")
    private Path calibration;

    /**
     * Returns the efficiency model of an accelerator: its defaults, calibrated when a profile is given.
     *
     * @param accelerator the accelerator
     * @return the model
     * @throws IllegalArgumentException if the profile cannot be read or belongs to another accelerator
     */
    EfficiencyModel efficiency(Accelerator accelerator) {
        CalibrationProfile profile = profile();
        if (profile == null) {
            return EfficiencyDefaults.forAccelerator(accelerator);
        }
        try {
            return profile.efficiencyFor(accelerator);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--calibration: " + e.getMessage());
        }
    }

    /**
     * Returns the profile given, for the requests the estimating commands build.
     *
     * @return the profile, or null without {@code --calibration}
     * @throws IllegalArgumentException if the profile cannot be read
     */
    CalibrationProfile profile() {
        if (calibration == null) {
            return null;
        }
        try {
            return CalibrationProfile.read(calibration);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--calibration: " + e.getMessage());
        }
    }
}
