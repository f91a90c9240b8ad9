package io.github.roofline4j.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.quant.WeightFormat;
import io.github.roofline4j.support.UnknownNameException;

class InferenceEstimatorTest {

    private static final Accelerator H100 = TestHardware.h100();

    private static InferenceEstimate run(String model, ServingPlan plan) {
        return InferenceEstimator.estimate(Models.get(model), H100, plan);
    }

    @Test
    void decode_batchOneIsMemoryBound() {
        InferenceEstimate e = run("llama-3.1-8b", ServingPlan.builder().batch(1).promptTokens(128).outputTokens(128).build());
        assertEquals("memory", e.bottleneck());
        assertTrue(e.fits());
        // the weights (16 GB) stream at 0.89 x 3.35 TB/s: at least 5.4 ms per step
        assertTrue(e.decodeSecondsPerToken() > 16.06e9 / (0.89 * 3.35e12), "" + e.decodeSecondsPerToken());
        assertTrue(e.decodeSecondsPerToken() < 1.3 * 16.06e9 / (0.89 * 3.35e12), "" + e.decodeSecondsPerToken());
        assertEquals(1 / e.decodeSecondsPerToken(), e.decodeTokensPerSecond(), 1e-9);
        assertTrue(e.decodeMemoryBandwidthUtilization() > 0.7 && e.decodeMemoryBandwidthUtilization() <= 1);
    }

    @Test
    void prefill_longPromptIsComputeBound() {
        InferenceEstimate e = run("llama-3.1-8b", ServingPlan.builder().batch(8).promptTokens(4096).outputTokens(16).build());
        assertEquals("compute", e.prefillBottleneck());
        assertTrue(e.prefillFlopUtilization() > 0.5, "" + e.prefillFlopUtilization());
    }

    @Test
    void endToEnd_isPrefillPlusDecodeSteps() {
        InferenceEstimate e = run("llama-2-7b", ServingPlan.builder().batch(4).promptTokens(512).outputTokens(200).build());
        double lower = e.prefillSeconds() + 199 * e.decodeSecondsPerToken() * 0.98;
        double upper = e.prefillSeconds() + 199 * e.decodeSecondsPerToken() * 1.02;
        assertTrue(e.endToEndSeconds() > lower && e.endToEndSeconds() < upper, "" + e.endToEndSeconds());
    }

    @Test
    void memory_partsSumAndKvAtFullContext() {
        InferenceEstimate e = run("llama-2-7b", ServingPlan.builder().batch(16).promptTokens(1000).outputTokens(24).build());
        assertEquals(e.totalMemoryBytes(), e.weightBytes() + e.kvCacheBytes() + e.activationBytes());
        // 16 sequences x 1024 tokens x 512 KiB
        assertEquals(16L * 1024 * 524_288, e.kvCacheBytes());
    }

    @Test
    void doesNotFit_saysNeededVersusAvailable() {
        InferenceEstimate e = run("llama-2-70b", ServingPlan.builder().build());
        assertFalse(e.fits());
        assertTrue(e.violations().get(0).startsWith("weights need 128.5 GiB but 67.06 GiB is available per device"),
                e.violations().toString());
        assertEquals(0, e.maxBatchAtContext());
    }

    @Test
    void maxBatch_andContext() {
        InferenceEstimate e = run("llama-3.1-8b", ServingPlan.builder().batch(1).promptTokens(8000).outputTokens(192).build());
        long free = e.availableMemoryBytes() - e.weightBytes() - e.activationBytes();
        assertEquals(free / (8192L * 131_072), e.maxBatchAtContext());
        assertTrue(e.maxContextAtBatch() >= 8192);
    }

    @Test
    void tensorParallel_fasterDecodeWithAllReduces() {
        InferenceEstimate one = run("llama-3.1-8b", ServingPlan.builder().build());
        InferenceEstimate eight = run("llama-3.1-8b", ServingPlan.builder().tensorParallel(8).build());
        assertTrue(eight.decodeSecondsPerToken() < one.decodeSecondsPerToken());
        assertTrue(eight.operations().stream().anyMatch(r -> r.kind().equals("collective") && r.seconds() > 0));
        assertEquals(8, eight.devices());
    }

    @Test
    void pipelineParallel_handOffsAndSameWork() {
        InferenceEstimate one = run("llama-2-13b", ServingPlan.builder().build());
        InferenceEstimate four = run("llama-2-13b", ServingPlan.builder().pipelineParallel(4).build());
        assertTrue(four.operations().stream().anyMatch(r -> r.name().equals("pipeline_send")));
        // stages run one after another: latency about the same as one device, plus the hand-offs
        assertTrue(four.prefillSeconds() > 0.95 * one.prefillSeconds());
        assertTrue(four.weightBytes() < one.weightBytes() / 3);
    }

    @Test
    void quantization_fp8HalvesWeightsAndUsesFp8Units() {
        Precision fp8 = new Precision(WeightFormat.parse("fp8"), DataType.FP8_E4M3, KvFormat.parse("fp8"));
        InferenceEstimate e = run("llama-3.1-8b", ServingPlan.builder().precision(fp8).build());
        InferenceEstimate b = run("llama-3.1-8b", ServingPlan.builder().build());
        assertTrue(e.weightBytes() < 0.6 * b.weightBytes());
        assertTrue(e.computeType().startsWith("FP8 (E4M3) runs natively"), e.computeType());
        assertTrue(e.decodeSecondsPerToken() < b.decodeSecondsPerToken());
    }

    @Test
    void speculation_expectedTokensAndSpeedup() {
        Speculation s = new Speculation(Optional.of(Models.get("llama-3.1-8b")), 4, 0.8);
        // Leviathan et al. eq. 1: (1 - 0.8^5) / (1 - 0.8)
        assertEquals((1 - Math.pow(0.8, 5)) / 0.2, s.expectedTokensPerStep(), 1e-12);
        InferenceEstimate e = run("llama-3.1-70b", ServingPlan.builder().tensorParallel(4).speculation(s).build());
        SpeculationResult r = e.speculation();
        assertNotNull(r);
        assertTrue(r.speedup() > 1, "" + r.speedup());
        assertEquals(r.decodeTokensPerSecond() / e.decodeTokensPerSecond(), r.speedup(), 1e-9);
        assertEquals(5, new Speculation(Optional.empty(), 4, 1.0).expectedTokensPerStep());
        assertEquals(1, new Speculation(Optional.empty(), 4, 0.0).expectedTokensPerStep());
    }

    @Test
    void selfSpeculation_needsMtp() {
        ServingPlan plan = ServingPlan.builder().speculation(new Speculation(Optional.empty(), 2, 0.8)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run("llama-3.1-8b", plan));
        assertTrue(e.getMessage().contains("self-speculation needs multi-token-prediction modules"), e.getMessage());
    }

    @Test
    void badInput_clearErrors() {
        assertThrows(IllegalArgumentException.class, () -> ServingPlan.builder().batch(0).build());
        IllegalArgumentException context = assertThrows(IllegalArgumentException.class,
                () -> run("llama-2-7b", ServingPlan.builder().promptTokens(4000).outputTokens(200).build()));
        assertTrue(context.getMessage().contains("exceeds the 4096-token maximum context of Llama-2-7B"), context.getMessage());
        IllegalArgumentException heads = assertThrows(IllegalArgumentException.class,
                () -> run("llama-2-7b", ServingPlan.builder().tensorParallel(3).build()));
        assertTrue(heads.getMessage().contains("must divide"), heads.getMessage());
        assertThrows(UnknownNameException.class, () -> WeightFormat.parse("int5"));
        TransformerSpec t5 = Models.get("t5-base");
        assertThrows(IllegalArgumentException.class, () -> InferenceEstimator.estimate(t5, H100, ServingPlan.builder().build()));
    }

    @Test
    void toStringAndTable_readable() {
        InferenceEstimate e = run("llama-2-7b", ServingPlan.builder().build());
        assertTrue(e.toString().startsWith("Llama-2-7B on 1 x h100-test, batch 1: TTFT "), e.toString());
        assertTrue(e.table().contains("Decode step operations"));
    }
}
