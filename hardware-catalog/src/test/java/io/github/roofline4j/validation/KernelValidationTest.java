package io.github.roofline4j.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.roofline4j.catalog.validation.PublishedResult;
import io.github.roofline4j.catalog.validation.PublishedResults;

/**
 * Kernel-level checks of the default efficiency model against published kernel throughputs; the data are in
 * {@link PublishedResults#kernels()}.
 */
class KernelValidationTest {

    /** The MAMF consistency check: the derived fractions give the measurement back to this relative error. */
    private static final double CONSISTENCY = 1e-6;

    static Stream<Arguments> flashAttention() {
        return Stream.concat(Published.family(PublishedResults.kernels(), "FlashAttention-2 fwd+bwd, A100"),
                Published.family(PublishedResults.kernels(), "FlashAttention-3 FP16 fwd, H100"));
    }

    static Stream<Arguments> deepGemm() {
        return Published.family(PublishedResults.kernels(), "DeepGEMM FP8, H800");
    }

    static Stream<Arguments> mamf() {
        return Published.family(PublishedResults.kernels(), "MAMF (consistency of the derived fractions)");
    }

    /**
     * FlashAttention throughput, TFLOP/s (validation-public.md §4.2): FA2 forward + backward on A100-80GB
     * ({@code assets/flash2_a100_fwd_bwd_benchmark.png}) and FA3 FP16 forward on H100 SXM
     * ({@code assets/flash3_fp16_fwd.png}); batch 16k/seqlen, hidden 2048. The attention parameters were solved
     * from the first row's 512 and 16k points; every other row is a check. Errors measured: FA2 A100 hdim128
     * within 1 %, causal within 6 %; FA2 hdim64 +9 % to +17 % (the model has no head-dimension effect); FA3 H100
     * within 4 %. Tolerance 20 %.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("flashAttention")
    void flashAttention(String name, PublishedResult result) {
        assertEquals(0.20, result.tolerance());
        Published.check(result);
    }

    /**
     * FP8 GEMM throughput on H800 (DeepGEMM README, Feb 2025; research notes): the size-aware matmul model against
     * a kernel it was not fitted to. Large-M rows within +3 % to +7 %; M = 64 and 128 rows, where few tiles keep
     * few SMs streaming, +8 % to +60 %; K = 512 +135 % (the default model has no k-loop fill term). Tolerance as
     * stated per row.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deepGemm")
    void deepGemmFp8(String name, PublishedResult result) {
        Published.check(result);
    }

    /**
     * The sustained fraction is derived so that the model gives back the published MAMF at its best shape
     * (stas00/ml-engineering, validation-public.md §5.1): a consistency check of the derivation, not a validation.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("mamf")
    void mamf_reproducedAtBestShape(String name, PublishedResult result) {
        assertEquals(result.published(), result.predicted(), CONSISTENCY * result.published(), name);
    }
}
