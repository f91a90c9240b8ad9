package io.github.roofline4j.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.InferenceEstimator;
import io.github.roofline4j.inference.ServingPlan;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.quant.WeightFormat;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.EfficiencyModel;

/**
 * Batch-1 decode speed against gpt-fast (meta-pytorch/gpt-fast README @6ecad9b5; validation-public.md §4.3):
 * 8 x A100-80GB power-limited to 330 W, whose README states an empirical bandwidth ceiling of about 1700 GB/s,
 * prompt of 5 tokens, torch.compile; tokens/s over 200 generated tokens.
 *
 * <p>The A100 is taken from the catalog with its default efficiency model except the memory bandwidth
 * fraction, set to the measured ceiling of those power-limited GPUs: 1700 / 2039 (the instruction to
 * account for it; no other parameter is changed). The model is systematically optimistic here: gpt-fast's
 * batch-1 kernels reach 82 % of that ceiling in BF16 and much less with its weight-only INT8 (63 %) and INT4
 * (51 %) kernels, which the model does not know about. The tolerances are wide and state the errors measured.
 */
class InferenceValidationTest {

    private static final List<Double> BF16_ERRORS = Collections.synchronizedList(new ArrayList<>());

    private static double gptFastTokensPerSecond(String model, int tp, String weights) {
        Accelerator a100 = HardwareCatalog.builtIn().get("a100-sxm-80gb");
        EfficiencyModel e = EfficiencyDefaults.forAccelerator(a100).withMemoryBandwidthFraction(1700e9 / 2.039e12);
        Precision p = new Precision(WeightFormat.parse(weights), DataType.BF16, KvFormat.parse("bf16"));
        ServingPlan plan = ServingPlan.builder().precision(p).tensorParallel(tp).batch(1).promptTokens(5)
                .outputTokens(200).build();
        InferenceEstimate est = InferenceEstimator.estimate(Models.get(model), ClusterSpec.of(a100, tp), plan, e);
        return plan.outputTokens() / est.endToEndSeconds();
    }

    /** BF16 rows: errors measured +7 % to +42 % (median about +19 %); tolerance 45 %. */
    @ParameterizedTest(name = "{0} TP{1} bf16")
    @CsvSource({
            "llama-2-7b, 1, 104.9", "llama-2-7b, 2, 168.84", "llama-2-7b, 4, 254.02", "llama-2-7b, 8, 328.43",
            "llama-2-70b, 2, 21.32", "llama-2-70b, 4, 38.01", "llama-2-70b, 8, 62.50",
            "llama-3.1-8b, 1, 93.89", "llama-3.1-8b, 2, 149.10", "llama-3.1-8b, 4, 217.21", "llama-3.1-8b, 8, 276.01",
            "llama-3.1-70b, 2, 16.03", "llama-3.1-70b, 4, 37.45", "llama-3.1-70b, 8, 58.78",
            "mixtral-8x7b, 2, 96.67", "mixtral-8x7b, 4, 155.35", "mixtral-8x7b, 8, 227.82"})
    void gptFast_bf16(String model, int tp, double tokensPerSecond) {
        BF16_ERRORS.add(Published.within(model + " TP" + tp + " bf16 tokens/s", tokensPerSecond,
                gptFastTokensPerSecond(model, tp, "bf16"), 0.45));
    }

    /**
     * Weight-only INT8 and INT4 (group 32) rows: errors measured +19 % to +80 %. gpt-fast's own README shows its
     * quantized kernels moving 63 % (INT8) and 51 % (INT4) of the bytes per second its BF16 kernels move; the model
     * prices weight-only GEMVs at the full achievable bandwidth, as faster kernels (Marlin) nearly do. Tolerance 85 %.
     */
    @ParameterizedTest(name = "{0} TP{1} {2}")
    @CsvSource({
            "llama-2-7b, 1, int8, 155.58", "llama-2-7b, 1, int4-g32, 196.80",
            "llama-2-70b, 1, int8, 19.13", "llama-2-70b, 1, int4-g32, 25.25",
            "llama-3.1-8b, 1, int8, 137.64", "llama-3.1-70b, 1, int8, 18.04",
            "llama-2-70b, 8, int8, 80.44", "llama-2-70b, 8, int4-g32, 90.77", "llama-3.1-405b, 8, int8, 15.60",
            "mixtral-8x7b, 1, int8, 97.92", "mixtral-8x7b, 2, int8, 155.03", "mixtral-8x7b, 4, int8, 216.87",
            "mixtral-8x7b, 8, int8, 279.35"})
    void gptFast_quantized(String model, int tp, String weights, double tokensPerSecond) {
        Published.within(model + " TP" + tp + " " + weights + " tokens/s", tokensPerSecond,
                gptFastTokensPerSecond(model, tp, weights), 0.85);
    }

    @Test
    void gptFast_mixtralBf16OnOneGpuDoesNotFit() {
        // gpt-fast: "OOM" for Mixtral 8x7B in bf16 on one A100-80GB
        Accelerator a100 = HardwareCatalog.builtIn().get("a100-sxm-80gb");
        InferenceEstimate e = InferenceEstimator.estimate(Models.get("mixtral-8x7b"), a100,
                ServingPlan.builder().promptTokens(5).outputTokens(200).build());
        assertTrue(!e.fits(), e.toString());
    }

    @AfterAll
    static void medianBf16Error() {
        List<Double> errors = new ArrayList<>(BF16_ERRORS);
        if (errors.size() < 17) {
            return; // a filtered run
        }
        Collections.sort(errors);
        double median = errors.get(errors.size() / 2);
        assertTrue(Math.abs(median) < 0.25, "median BF16 error " + median);
    }
}
