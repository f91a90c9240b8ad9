package io.github.roofline4j.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.ParallelPlan;

/** Korthikanti et al. 2022, Table 2, for a GPT model (MHA, 4h MLP, dropout), per layer and micro-batch. */
class ActivationMemoryTest {

    private static final TransformerSpec GPT = Models.get("gpt-3-175b");
    private static final double S = 2048;
    private static final double B = 1;
    private static final double H = 12288;
    private static final double A = 96;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "none, 1, false, false",
            "tensor parallel, 8, false, false",
            "tensor + sequence parallel, 8, true, false",
            "tensor parallel + selective, 8, false, true",
            "tensor + sequence parallel + selective, 8, true, true"})
    void table2(String name, int t, boolean sp, boolean selective) {
        ParallelPlan plan = ParallelPlan.builder().tensorParallel(t).sequenceParallel(sp).dropout(true)
                .flashAttention(false).recompute(selective ? Recompute.SELECTIVE : Recompute.NONE).build();
        double sbh = S * B * H;
        double scores = selective ? 0 : 5 * A * S / (H * t);
        double expected = sp ? sbh * (34.0 / t + scores) : sbh * (10 + 24.0 / t + scores);
        double actual = ActivationMemory.perLayer(GPT, plan, false);
        assertEquals(expected, actual, 1e-9 * expected, name);
    }

    @ParameterizedTest(name = "sp={0}")
    @CsvSource({"false, 1", "true, 8"})
    void fullRecompute_keepsTheLayerInput(boolean sp, int t) {
        ParallelPlan plan = ParallelPlan.builder().tensorParallel(t).sequenceParallel(sp).recompute(Recompute.FULL).build();
        assertEquals(2 * S * B * H / (sp ? t : 1), ActivationMemory.perLayer(GPT, plan, false), 1e-6);
    }

    @ParameterizedTest(name = "pp={0} v={1}")
    @CsvSource({"1, 1, 1", "8, 1, 8", "8, 2, 11.5", "4, 4, 4.75"})
    void inFlight(int pp, int v, double expected) {
        ParallelPlan plan = ParallelPlan.builder().pipelineParallel(pp).virtualStages(v).dataParallel(1)
                .globalBatchSize(64).build();
        assertEquals(expected, ActivationMemory.inFlightMicroBatches(plan), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"llama-3.1-8b", "mixtral-8x7b", "deepseek-v2-lite", "gemma-2-9b"})
    void recompute_neverMoreActivations(String id) {
        TransformerSpec s = Models.get(id);
        boolean moe = s.moe().isPresent();
        double none = ActivationMemory.perLayer(s, ParallelPlan.builder().flashAttention(false).build(), moe);
        double selective = ActivationMemory.perLayer(s, ParallelPlan.builder().recompute(Recompute.SELECTIVE).build(), moe);
        double full = ActivationMemory.perLayer(s, ParallelPlan.builder().recompute(Recompute.FULL).build(), moe);
        assertTrue(full <= selective && selective <= none, id + ": " + full + " " + selective + " " + none);
    }
}
