package io.github.roofline4j.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.model.AttentionMask;
import io.github.roofline4j.model.ForwardFlops;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.quant.WeightFormat;

class TransformerStepTest {

    private static final LayerOptions ONE = LayerOptions.singleDevice();

    private static LayerOptions tp(int t) {
        return new LayerOptions(Precision.bf16(), t, t, AttentionKernel.FUSED, MlaForm.AUTO);
    }

    private static double flopsOf(Workload w, OperationKind... kinds) {
        double f = 0;
        for (Block b : w.blocks()) {
            for (Operation op : b.operations()) {
                for (OperationKind k : kinds) {
                    if (op.kind() == k) {
                        f += op.flops() * b.repeat();
                    }
                }
            }
        }
        return f;
    }

    /** The step's matmul and attention FLOPs are the model's FLOPs per token, times the tokens. */
    @ParameterizedTest
    @ValueSource(strings = {"llama-2-7b", "llama-3.1-70b", "mixtral-8x7b", "gemma-2-9b", "qwen2.5-7b", "gpt-3-175b"})
    void prefillFlops_conserveModelFlops(String id) {
        TransformerSpec s = Models.get(id);
        long prompt = Math.min(4096, s.maxPositionEmbeddings());
        Workload w = TransformerStep.build(s, ONE, StepShape.prefill(2, prompt));
        ForwardFlops f = s.forwardFlopsPerToken(prompt, AttentionMask.CAUSAL);
        double tokens = 2.0 * prompt;
        double attention = 0;
        double layerMatmuls = 0;
        for (Block b : w.blocks()) {
            for (Operation op : b.operations()) {
                if (op.kind() == OperationKind.ATTENTION) {
                    attention += op.flops() * b.repeat();
                } else if (op.kind() == OperationKind.MATMUL && !op.name().equals("lm_head")) {
                    layerMatmuls += op.flops() * b.repeat();
                }
            }
        }
        assertEquals(f.attentionFlops() * tokens, attention, 1e-9 * attention, id);
        if (s.moe().isEmpty()) {
            assertEquals(f.matmulFlops() * tokens, layerMatmuls, 1e-9 * layerMatmuls, id);
        } else {
            // MoE: with 8192 tokens every expert is reached; the matmul FLOPs are the same as the model's
            assertEquals(f.matmulFlops() * tokens, layerMatmuls, 1e-6 * layerMatmuls, id);
        }
        // logits for the last token of each prompt only
        assertEquals(f.logitsFlops() * 2, flopsOf(w, OperationKind.MATMUL) - layerMatmuls, 1e-9 * f.logitsFlops(), id);
    }

    @Test
    void decode_readsEveryWeightAndTheCacheOnce() {
        TransformerSpec s = Models.get("llama-2-7b");
        Workload w = TransformerStep.build(s, ONE, StepShape.decode(1, 1000));
        // weights (bf16) of the layers and the head; the embedding table is gathered, not read whole
        long weights = TransformerStep.weightBytes(s, ONE, TransformerStep.Stage.whole(s));
        double kvRead = 32.0 * 1001 * s.kvCacheBytesPerToken(DataType.BF16) / 32;
        double bytes = w.bytes();
        double embeddingTable = 32000.0 * 4096 * 2;
        assertTrue(bytes > weights - embeddingTable + kvRead, bytes + " vs " + (weights - embeddingTable + kvRead));
        assertTrue(bytes < 1.01 * (weights - embeddingTable + kvRead), bytes + " vs " + (weights - embeddingTable + kvRead));
    }

    @Test
    void tensorParallel_splitsWeightsAndAddsAllReduces() {
        TransformerSpec s = Models.get("llama-2-70b");
        long one = TransformerStep.weightBytes(s, ONE, TransformerStep.Stage.whole(s));
        long eight = TransformerStep.weightBytes(s, tp(8), TransformerStep.Stage.whole(s));
        assertEquals(one / 8.0, eight, 0.001 * one);
        Workload w = TransformerStep.build(s, tp(8), StepShape.decode(1, 100));
        long allReduces = w.blocks().stream().mapToLong(b -> b.repeat() * b.operations().stream()
                .filter(op -> op.kind() == OperationKind.COLLECTIVE && op.communication().kind() == CollectiveKind.ALL_REDUCE)
                .count()).sum();
        assertEquals(2 * 80 + 1, allReduces); // two per layer, one for the vocabulary-parallel embedding
    }

    @Test
    void tensorParallel_mustSplitTheHeads() {
        TransformerSpec s = Models.get("llama-2-7b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransformerStep.build(s, tp(3), StepShape.decode(1, 10)));
        assertTrue(e.getMessage().contains("must divide the 32 attention heads"), e.getMessage());
    }

    @Test
    void pipelineStages_sumToTheWholeModel() {
        TransformerSpec s = Models.get("llama-2-13b");
        double whole = TransformerStep.build(s, ONE, StepShape.prefill(1, 512)).flops();
        double stages = 0;
        for (int i = 0; i < 4; i++) {
            stages += TransformerStep.build(s, ONE, StepShape.prefill(1, 512), TransformerStep.Stage.of(s, 4, i), "p").flops();
        }
        assertEquals(whole, stages, 1e-9 * whole);
        assertThrows(IllegalArgumentException.class, () -> TransformerStep.Stage.of(s, 3, 0));
    }

    @Test
    void moe_decodeReadsOnlyTheExpertsReached() {
        TransformerSpec s = Models.get("mixtral-8x7b");
        Workload one = TransformerStep.build(s, ONE, StepShape.decode(1, 100));
        Operation experts = one.blocks().stream().flatMap(b -> b.operations().stream())
                .filter(op -> op.name().equals("experts_gate_up")).findFirst().orElseThrow();
        assertEquals(2, experts.batch()); // top-2 of 8 for one token
        Workload many = TransformerStep.build(s, ONE, StepShape.decode(64, 100));
        Operation all = many.blocks().stream().flatMap(b -> b.operations().stream())
                .filter(op -> op.name().equals("experts_gate_up")).findFirst().orElseThrow();
        assertEquals(8, all.batch());
    }

    @Test
    void slidingWindow_capsDecodeCacheReads() {
        TransformerSpec s = Models.get("mistral-7b");
        double at8k = TransformerStep.build(s, ONE, StepShape.decode(1, 8000)).bytes();
        double at30k = TransformerStep.build(s, ONE, StepShape.decode(1, 30000)).bytes();
        assertEquals(at8k, at30k, 1e-9 * at8k);
    }

    @Test
    void mla_absorbedDecodeReadsTheLatentOnly() {
        TransformerSpec s = Models.get("deepseek-v3");
        Workload absorbed = TransformerStep.build(s, ONE, StepShape.decode(1, 4096));
        LayerOptions naive = new LayerOptions(Precision.bf16(), 1, 1, AttentionKernel.FUSED, MlaForm.NAIVE);
        Workload decompressed = TransformerStep.build(s, naive, StepShape.decode(1, 4096));
        assertTrue(decompressed.flops() > 2 * absorbed.flops());
        assertTrue(absorbed.blocks().stream().flatMap(b -> b.operations().stream())
                .anyMatch(op -> op.name().equals("q_absorb")));
    }

    @Test
    void quantizedWeights_fewerBytes() {
        TransformerSpec s = Models.get("llama-3.1-8b");
        Precision int4 = new Precision(WeightFormat.parse("int4"), DataType.BF16, KvFormat.parse("bf16"));
        LayerOptions o = new LayerOptions(int4, 1, 1, AttentionKernel.FUSED, MlaForm.AUTO);
        long bf16 = TransformerStep.weightBytes(s, ONE, TransformerStep.Stage.whole(s));
        long q = TransformerStep.weightBytes(s, o, TransformerStep.Stage.whole(s));
        assertTrue(q < bf16 / 2, q + " vs " + bf16);
    }

    @Test
    void unfused_writesTheScores() {
        TransformerSpec s = Models.get("gpt-2-124m");
        LayerOptions unfused = new LayerOptions(Precision.bf16(), 1, 1, AttentionKernel.UNFUSED, MlaForm.AUTO);
        Workload w = TransformerStep.build(s, unfused, StepShape.prefill(1, 1024));
        assertTrue(w.blocks().stream().flatMap(b -> b.operations().stream()).map(Operation::name).toList()
                .containsAll(List.of("attention_scores", "attention_softmax", "attention_values")));
        assertTrue(w.bytes() > TransformerStep.build(s, ONE, StepShape.prefill(1, 1024)).bytes());
    }

    @Test
    void keyVisits_causalWindowAndFull() {
        assertEquals(5 * 6 / 2.0, TransformerStep.keyVisits(5, 0, Long.MAX_VALUE, true));
        assertEquals(5 * 10 + 15, TransformerStep.keyVisits(5, 10, Long.MAX_VALUE, true));
        assertEquals(3 * 4, TransformerStep.keyVisits(3, 100, 4, true));
        assertEquals(25, TransformerStep.keyVisits(5, 0, Long.MAX_VALUE, false));
    }

    @Test
    void contextBeyondTheModelRejected() {
        TransformerSpec s = Models.get("llama-2-7b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransformerStep.build(s, ONE, StepShape.decode(1, 4096)));
        assertTrue(e.getMessage().contains("exceeds the 4096-token maximum"), e.getMessage());
    }
}
