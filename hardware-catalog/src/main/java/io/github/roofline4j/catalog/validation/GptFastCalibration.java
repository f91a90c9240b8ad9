package io.github.roofline4j.catalog.validation;

import java.util.ArrayList;
import java.util.List;

import io.github.roofline4j.calibration.Calibration;
import io.github.roofline4j.calibration.CalibrationProfile;
import io.github.roofline4j.calibration.Measurement;
import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.catalog.validation.PublishedResults.GptFastRow;
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.OperationRow;
import io.github.roofline4j.roofline.EfficiencyModel;

/**
 * What calibration does for a public measurement set: fit on gpt-fast's single-GPU BF16 decode
 * speeds, predict its tensor-parallel rows (TP 2, 4, 8), and compare the errors before and after.
 *
 * <p>A batch-1 decode step is a chain of memory-bound kernels, so its time is N&middot;t<sub>0</sub> +
 * bytes / B for N kernels moving {@code bytes} in all: the form of the calibration's copies. Each
 * single-GPU row therefore becomes one copy measurement of bytes/N bytes taking (1 / tokens per
 * second)/N seconds, N and bytes being those of the library's own decode step for the model (every
 * non-communicating operation, at the plan's mean context). {@link Calibration#fit} then gives the
 * achieved bandwidth B and the per-kernel overhead t<sub>0</sub> of gpt-fast's stack on its
 * 330 W A100s. Before is the validation's model (the defaults at the README's stated 1700 GB/s
 * ceiling); after is that model with the profile applied. Three rows are fitted: Llama-2-7B
 * (104.9 tokens/s) and Llama-3.1-8B measured twice (93.89 and 93.83, the README's two tables);
 * the 15 TP &gt; 1 rows are predictions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param profile the fitted profile
 * @param fitted the single-GPU rows the profile was fitted on, predicted after calibration
 * @param before the TP &gt; 1 rows with the validation's model
 * @param after the same rows with the calibrated model
 */
public record GptFastCalibration(CalibrationProfile profile, List<PublishedResult> fitted,
        List<PublishedResult> before, List<PublishedResult> after) {

    /** The family name of the fitted rows. */
    public static final String FITTED = "gpt-fast TP1 BF16 (fitted)";
    /** The family name of the predictions before calibration. */
    public static final String BEFORE = "gpt-fast TP2-8 BF16, before calibration";
    /** The family name of the predictions after calibration. */
    public static final String AFTER = "gpt-fast TP2-8 BF16, after calibration";

    /**
     * Copies the lists.
     */
    public GptFastCalibration {
        fitted = List.copyOf(fitted);
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /** The single-GPU BF16 rows: the two in the validation set and the README's second Llama-3.1-8B measurement. */
    static final List<GptFastRow> TRAINING_ROWS = List.of(new GptFastRow("llama-2-7b", 1, "bf16", 104.9),
            new GptFastRow("llama-3.1-8b", 1, "bf16", 93.89), new GptFastRow("llama-3.1-8b", 1, "bf16", 93.83));

    /**
     * Fits and predicts.
     *
     * @return the profile and the errors before and after
     */
    public static GptFastCalibration run() {
        Accelerator a100 = HardwareCatalog.builtIn().get("a100-sxm-80gb");
        EfficiencyModel base = PublishedResults.gptFastEfficiency();
        List<Measurement> measurements = new ArrayList<>();
        for (GptFastRow r : TRAINING_ROWS) {
            InferenceEstimate e = PublishedResults.gptFastEstimate(r, base);
            double bytes = 0;
            long kernels = 0;
            for (OperationRow op : e.operations()) {
                if (op.phase().equals("decode") && !op.bound().equals("communication")) {
                    bytes += op.bytes();
                    kernels += op.count();
                }
            }
            measurements.add(Measurement.copy(bytes / kernels, 1 / r.tokensPerSecond() / kernels));
        }
        CalibrationProfile profile = Calibration.fit(a100, base, measurements);
        EfficiencyModel calibrated = profile.applyTo(a100, base);
        List<PublishedResult> fitted = new ArrayList<>();
        for (GptFastRow r : TRAINING_ROWS) {
            fitted.add(PublishedResults.gptFast(r, calibrated, FITTED, 0.45));
        }
        List<PublishedResult> before = new ArrayList<>();
        List<PublishedResult> after = new ArrayList<>();
        for (GptFastRow r : PublishedResults.GPT_FAST_BF16_ROWS) {
            if (r.tp() > 1) {
                before.add(PublishedResults.gptFast(r, base, BEFORE, 0.45));
                after.add(PublishedResults.gptFast(r, calibrated, AFTER, 0.45));
            }
        }
        return new GptFastCalibration(profile, fitted, before, after);
    }
}
