package io.github.roofline4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exact parameter counts of the presets against Hugging Face's {@code sum(p.numel())} and the
 * published figures in ../shared/reference/validation-public.md section 1.
 */
class ParameterCountTest {

    /** Exact numel() totals: validation-public.md §1.2-1.4 [D] (from the HF configs), and HF model pages. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // §1.2 Llama 2 [D] exact params (untied)
            "llama-2-7b, 6738415616",
            "llama-2-13b, 13015864320",
            "llama-2-70b, 68976648192",
            // §1.3 Llama 3.1 [D] exact params
            "llama-3.1-8b, 8030261248",
            "llama-3.1-70b, 70553706496",
            "llama-3.1-405b, 405853388800",
            // §1.4 Mistral 7B [D]; Mixtral 8x7B total [D] (Mistral blog: 46.7B)
            "mistral-7b, 7241732096",
            "mixtral-8x7b, 46702792704",
            // GPT-2: the numel() of GPT2LMHeadModel with tied head (124M and 1.5B model cards)
            "gpt-2-124m, 124439808",
            "gpt-2-1.5b, 1557611200",
            // T5-base: the numel() of T5ForConditionalGeneration, shared tied embedding (t5-base, 223M)
            "t5-base, 222903552",
            // numel() of the Hugging Face classes built from the preset configs (transformers 5.18 meta-device
            // build; public copies: Qwen2.5-7B 7.62B, Qwen3-8B 8.19B, Gemma model pages, GPT-NeoX-20B model card)
            "mixtral-8x22b, 140620634112",
            "qwen2.5-7b, 7615616512",
            "qwen2.5-72b, 72706203648",
            "qwen3-8b, 8190735360",
            "qwen1.5-moe-a2.7b, 14315784192",
            "gemma-7b, 8537680896",
            "gemma-2-9b, 9241705984",
            "gemma-2-27b, 27227128320",
            "phi-3-mini-4k, 3821079552",
            "opt-13b, 12853473280",
            "gpt-neox-20b, 20554567680",
            "deepseek-v2-lite, 15706484224",
            // DeepSeek-V3 main model in transformers' DeepseekV3ForCausalLM: the router's score correction bias is a
            // buffer there, not a parameter (the remote-code model counts it: 671,026,419,200)
            "deepseek-v3, 671026404352"})
    void total_exact(String id, long expected) {
        assertEquals(expected, Models.get(id).parameterCount().total(), id);
    }

    /** Active parameters of MoE models. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // validation-public.md §1.4 [D]: Mixtral 8x7B active 12,879,925,248 (Mistral blog: 12.9B)
            "mixtral-8x7b, 12879925248"})
    void active_exact(String id, long expected) {
        assertEquals(expected, Models.get(id).parameterCount().active(), id);
    }

    /** Rounded published figures: validation-public.md §1.2-1.7 (non-embedding, Gemma [D] with V = 256000 tied). */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "llama-2-7b, nonEmbedding, 6.476e9, 0.0005e9",
            "llama-2-13b, nonEmbedding, 12.688e9, 0.0005e9",
            "llama-2-70b, nonEmbedding, 68.452e9, 0.0005e9",
            "llama-3.1-8b, nonEmbedding, 6.980e9, 0.0005e9",
            "llama-3.1-405b, nonEmbedding, 401.651e9, 0.0005e9",
            "gemma-7b, total, 8.538e9, 0.0005e9",
            "gemma-2-9b, total, 9.242e9, 0.0005e9",
            "gemma-2-27b, total, 27.227e9, 0.0005e9",
            // §1.5 DeepSeek-V3: 671B total (README); 37.55B active from the config [D], 36.7B stated without router and norms
            "deepseek-v3, total, 671.0e9, 0.05e9",
            "deepseek-v3, active, 37.55e9, 0.005e9",
            // Mixtral 8x22B: 141B total, 39B active (Mistral announcement)
            "mixtral-8x22b, total, 141e9, 0.5e9",
            "mixtral-8x22b, active, 39e9, 0.5e9",
            // Qwen1.5-MoE-A2.7B model card: 14.3B total, 2.7B activated
            "qwen1.5-moe-a2.7b, total, 14.3e9, 0.05e9",
            "qwen1.5-moe-a2.7b, active, 2.7e9, 0.05e9"})
    void published_rounded(String id, String which, double expected, double tolerance) {
        ParameterCount c = Models.get(id).parameterCount();
        double actual = switch (which) {
            case "total" -> c.total();
            case "active" -> c.active();
            case "nonEmbedding" -> c.nonEmbedding();
            default -> throw new IllegalArgumentException(which);
        };
        assertEquals(expected, actual, tolerance, () -> id + " " + which + ": expected " + expected + ", was " + actual
                + " (relative error " + (actual - expected) / expected + ")");
    }

    /**
     * GPT-3 sizes: Brown et al. 2020 Table 2.1 (two significant digits) and the exact
     * 12Ld^2 + 13Ld + (V + S)d + 2d of validation-public.md §1.1 [D].
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "gpt-3-125m, 125e6, 0.125e9",
            "gpt-3-350m, 350e6, 0.356e9",
            "gpt-3-760m, 760e6, 0.760e9",
            "gpt-3-1.3b, 1.3e9, 1.316e9",
            "gpt-3-2.7b, 2.7e9, 2.652e9",
            "gpt-3-6.7b, 6.7e9, 6.658e9",
            "gpt-3-13b, 13.0e9, 12.953e9",
            "gpt-3-175b, 175.0e9, 174.604e9"})
    void gpt3_tableAndFormula(String id, double paper, double formula) {
        TransformerSpec s = Models.get(id);
        long total = s.parameterCount().total();
        long l = s.layerCount();
        long d = s.hiddenSize();
        assertEquals(12 * l * d * d + 13 * l * d + (50257L + 2048L) * d + 2 * d, total, id);
        assertEquals(formula, total, 0.0005e9, id);
        // the paper's figures have two or three significant digits: within 2.5 % (the 2.7B row is 2.652B)
        assertEquals(paper, total, paper * 0.025, id);
    }

    /** GPT-3 175B: Table D.1 gives 174,600M parameters. */
    @Test
    void gpt3_175b_tableD1() {
        assertEquals(174_600e6, Models.get("gpt-3-175b").parameterCount().total(), 0.05e9);
    }

    /**
     * Narayanan et al. 2021 eq. 2, P = 12lh^2(1 + 13/(12h) + (V + s)/(12lh)), reproduces Table 1's
     * parameter column to 0.1B; our count adds the final LayerNorm's 2h that eq. 2 leaves out.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"megatron-1.7b, 1.7", "megatron-3.6b, 3.6", "megatron-7.5b, 7.5", "megatron-18.4b, 18.4",
            "megatron-39.1b, 39.1", "megatron-76.1b, 76.1", "megatron-145.6b, 145.6", "megatron-310.1b, 310.1",
            "megatron-529.6b, 529.6", "megatron-1t, 1008.0"})
    void megatron_eq2AndTable1(String id, double billions) {
        TransformerSpec s = Models.get(id);
        long total = s.parameterCount().total();
        double eq2 = FlopFormulas.megatronEq2Parameters(s.layerCount(), s.hiddenSize(), 51200, 2048);
        assertEquals(eq2 + 2.0 * s.hiddenSize(), total, 1e-6 * total, id);
        assertEquals(billions, Math.round(total / 1e8) / 10.0, 1e-9, id);
    }

    @Test
    void breakdown_partsSumToTotal() {
        for (ModelPreset p : Models.list()) {
            ParameterCount c = p.spec().parameterCount();
            assertEquals(c.total(), c.tokenEmbeddings() + c.positionEmbeddings() + c.attention() + c.mlp()
                    + c.routedExperts() + c.sharedExperts() + c.router() + c.norms() + c.head(), p.id());
            assertEquals(c.total(), c.embedding() + c.nonEmbedding(), p.id());
            assertTrue(c.active() <= c.total(), p.id());
            assertTrue(c.activeRoutedExperts() <= c.routedExperts(), p.id());
        }
    }

    @Test
    void breakdown_llama2_7b() {
        ParameterCount c = Models.get("llama-2-7b").parameterCount();
        assertEquals(32000L * 4096, c.tokenEmbeddings());
        assertEquals(32000L * 4096, c.head());
        assertEquals(32L * 4 * 4096 * 4096, c.attention());
        assertEquals(32L * 3 * 4096 * 11008, c.mlp());
        assertEquals(32L * 2 * 4096 + 4096, c.norms());
    }

    @Test
    void deepseekV3_mtpCountedApart() {
        // README_WEIGHTS.md: the MTP module has 11.5B unique parameters (the HF checkpoint is 685B = 671B + 14B with copies
        // of the embedding and head); our count of its unique weights is within 1 %
        ParameterCount c = Models.get("deepseek-v3").parameterCount();
        assertEquals(11.5e9, c.multiTokenPrediction(), 0.01 * 11.5e9);
        assertEquals(685e9, c.total() + c.multiTokenPrediction() + 2 * c.tokenEmbeddings(), 0.005 * 685e9);
    }

    @Test
    void mlp_overflowIsAnErrorNotAWrappedCount() {
        Mlp mlp = new Mlp(Integer.MAX_VALUE, true, false, "silu");
        // before: 3 * (2^31 - 1)^2 wrapped around to -4,611,686,031,312,289,789 (or any garbage)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mlp.parameterCount(Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("parameter count overflows a 64-bit integer"), e.getMessage());
        assertEquals(3L * 4096 * 11008, new Mlp(11008, true, false, "silu").parameterCount(4096));
        assertEquals(2L * 768 * 3072 + 3072 + 768, new Mlp(3072, false, true, "gelu").parameterCount(768));
    }

    @Test
    void spec_overflowOnlyInTheMlpIsRejected() {
        // attention is tiny (one head of one dimension); only the MLP overflows
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransformerSpec.builder("x")
                .layerCount(1).hiddenSize(Integer.MAX_VALUE).vocabSize(1).maxPositionEmbeddings(1)
                .attention(Attention.of(1, 1, 1)).mlp(new Mlp(Integer.MAX_VALUE, true, false, "silu")).build());
        assertTrue(e.getMessage().contains("parameter count overflows a 64-bit integer"), e.getMessage());
    }

    @Test
    void parameterCount_componentsValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ParameterCount(1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0));
        assertEquals("attention must be >= 0, was -1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ParameterCount(0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ParameterCount(Long.MAX_VALUE, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void flopRecords_validated() {
        assertThrows(IllegalArgumentException.class, () -> new ForwardFlops(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ForwardFlops(Double.NaN, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ForwardFlops(Double.MAX_VALUE, Double.MAX_VALUE, 0));
        assertEquals(new ForwardFlops(0, 0, 0), new ForwardFlops(-0.0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingFlops(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainingFlops(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingFlops(3e9, 2e9));
        assertEquals("hardwareFlops must be >= modelFlops (3.0E9), was 2.0E9", e.getMessage());
        assertEquals(new TrainingFlops(0, 0), new TrainingFlops(-0.0, -0.0));
    }
}
