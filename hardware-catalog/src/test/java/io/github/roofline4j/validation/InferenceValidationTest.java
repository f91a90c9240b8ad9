package io.github.roofline4j.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.catalog.validation.PublishedResult;
import io.github.roofline4j.catalog.validation.PublishedResults;
import io.github.roofline4j.catalog.validation.ValidationReport;
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.InferenceEstimator;
import io.github.roofline4j.inference.ServingPlan;
import io.github.roofline4j.model.Models;

/**
 * Batch-1 decode speed against gpt-fast (meta-pytorch/gpt-fast README @6ecad9b5; validation-public.md §4.3):
 * 8 x A100-80GB power-limited to 330 W, whose README states an empirical bandwidth ceiling of about 1700 GB/s,
 * prompt of 5 tokens, torch.compile; tokens/s over 200 generated tokens. The data, the plans and the efficiency
 * model (the defaults with the memory bandwidth fraction at 1700 / 2039) are in {@link PublishedResults#inference()}.
 *
 * <p>The model is systematically optimistic here: gpt-fast's batch-1 kernels reach 82 % of that ceiling in BF16 and
 * much less with its weight-only INT8 (63 %) and INT4 (51 %) kernels, which the model does not know about. The
 * tolerances are wide and state the errors measured.
 */
class InferenceValidationTest {

    /** The median BF16 error must stay within 25 %. */
    private static final double MEDIAN_BF16_TOLERANCE = 0.25;
    /** The BF16 rows: 17. */
    private static final int BF16_ROWS = 17;

    static Stream<Arguments> bf16() {
        return Published.family(PublishedResults.inference(), PublishedResults.GPT_FAST_BF16);
    }

    static Stream<Arguments> quantized() {
        return Published.family(PublishedResults.inference(), PublishedResults.GPT_FAST_QUANTIZED);
    }

    /** BF16 rows: errors measured +9 % to +44 % (median +22 %); tolerance 45 %. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bf16")
    void gptFast_bf16(String name, PublishedResult result) {
        assertEquals(0.45, result.tolerance());
        Published.check(result);
    }

    /**
     * Weight-only INT8 and INT4 (group 32) rows: errors measured +19 % to +80 %. gpt-fast's own README shows its
     * quantized kernels moving 63 % (INT8) and 51 % (INT4) of the bytes per second its BF16 kernels move; the model
     * prices weight-only GEMVs at the full achievable bandwidth, as faster kernels (Marlin) nearly do. Tolerance 85 %.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("quantized")
    void gptFast_quantized(String name, PublishedResult result) {
        assertEquals(0.85, result.tolerance());
        Published.check(result);
    }

    @Test
    void gptFast_medianBf16Error() {
        List<PublishedResult> bf16 = PublishedResults.inference().stream()
                .filter(r -> r.family().equals(PublishedResults.GPT_FAST_BF16)).toList();
        assertEquals(BF16_ROWS, bf16.size());
        double median = ValidationReport.medianError(bf16);
        assertTrue(Math.abs(median) < MEDIAN_BF16_TOLERANCE, "median BF16 error " + median);
    }

    @Test
    void gptFast_mixtralBf16OnOneGpuDoesNotFit() {
        // gpt-fast: "OOM" for Mixtral 8x7B in bf16 on one A100-80GB
        Accelerator a100 = HardwareCatalog.builtIn().get("a100-sxm-80gb");
        InferenceEstimate e = InferenceEstimator.estimate(Models.get("mixtral-8x7b"), a100,
                ServingPlan.builder().promptTokens(5).outputTokens(200).build());
        assertTrue(!e.fits(), e.toString());
    }
}
