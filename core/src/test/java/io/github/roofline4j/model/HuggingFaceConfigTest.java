package io.github.roofline4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.UnknownNameException;

class HuggingFaceConfigTest {

    private static final String LLAMA = """
            {"model_type": "llama", "hidden_size": 4096, "intermediate_size": 11008, "num_attention_heads": 32,
             "num_hidden_layers": 32, "num_key_value_heads": 32, "vocab_size": 32000, "max_position_embeddings": 4096,
             "rms_norm_eps": 1e-05, "bos_token_id": 1, "torch_dtype": "float16", "tie_word_embeddings": false}
            """;

    @Test
    void llama_matchesPreset() {
        TransformerSpec s = TransformerSpec.fromHuggingFace(LLAMA);
        assertEquals(6_738_415_616L, s.parameterCount().total());
        assertEquals("llama", s.name());
    }

    @Test
    void fromFile_namedAfterDirectory(@TempDir Path dir) throws Exception {
        Path model = Files.createDirectory(dir.resolve("Llama-2-7b-hf"));
        Path config = model.resolve("config.json");
        Files.writeString(config, LLAMA);
        assertEquals("Llama-2-7b-hf", TransformerSpec.fromHuggingFace(config).name());
        assertEquals(6_738_415_616L, Models.resolve(config.toString()).parameterCount().total());
        assertEquals(6_738_415_616L, Models.resolve(model.toString()).parameterCount().total());
    }

    @Test
    void qwen2_qkvBiasOnlyAndNoWindowUnlessEnabled() {
        TransformerSpec s = Models.get("qwen2.5-7b");
        assertTrue(s.attention().qkvBias());
        assertFalse(s.attention().outputBias());
        assertTrue(s.attention().slidingWindowTokens().isEmpty());
        TransformerSpec windowed = TransformerSpec.fromHuggingFace("""
                {"model_type": "qwen2", "hidden_size": 1024, "intermediate_size": 2816, "num_attention_heads": 16,
                 "num_hidden_layers": 24, "num_key_value_heads": 16, "vocab_size": 151936,
                 "max_position_embeddings": 32768, "use_sliding_window": true, "sliding_window": 4096,
                 "max_window_layers": 21}
                """);
        assertEquals(3, windowed.attention().slidingWindowLayerCount());
    }

    @Test
    void gemma2_alternatingWindowAndFourNorms() {
        TransformerSpec s = Models.get("gemma-2-9b");
        assertEquals(21, s.attention().slidingWindowLayerCount());
        assertEquals(4096, s.attention().slidingWindowTokens().getAsInt());
        assertEquals(4, s.normsPerLayer());
        assertTrue(s.tiedEmbeddings());
        assertEquals(23, Models.get("gemma-2-27b").attention().slidingWindowLayerCount());
    }

    @Test
    void gemma_headDimIsNotHiddenOverHeads() {
        TransformerSpec s = Models.get("gemma-7b");
        assertEquals(256, s.attention().headDim());
        assertEquals(4096, s.attention().queryWidth());
    }

    @Test
    void deepseekV3_mlaMoeAndDenseLayers() {
        TransformerSpec s = Models.get("deepseek-v3");
        assertEquals("MLA", s.attention().kind());
        assertEquals(58, s.moeLayerCount());
        assertEquals(3, s.denseLayerCount());
        assertEquals(1, s.multiTokenPredictionModules());
        assertEquals(0, Models.get("deepseek-v2-lite").attention().mla().orElseThrow().qLoraRank());
        assertEquals(26, Models.get("deepseek-v2-lite").moeLayerCount());
    }

    @Test
    void qwen2moe_mlpOnlyLayersAndSparseStep() {
        String base = """
                {"model_type": "qwen2_moe", "hidden_size": 2048, "intermediate_size": 5632, "num_attention_heads": 16,
                 "num_hidden_layers": 24, "num_key_value_heads": 16, "vocab_size": 151936, "max_position_embeddings": 8192,
                 "moe_intermediate_size": 1408, "num_experts": 60, "num_experts_per_tok": 4,
                 "shared_expert_intermediate_size": 5632, "decoder_sparse_step": 2, "mlp_only_layers": [1, 3]}
                """;
        TransformerSpec s = TransformerSpec.fromHuggingFace(base);
        // layers with (i + 1) % 2 == 0 are 1, 3, 5, ..., 23 (12 layers); 1 and 3 are MLP only
        assertEquals(10, s.moeLayerCount());
    }

    @Test
    void t5_encoderDecoder() {
        TransformerSpec s = Models.get("t5-base");
        assertFalse(s.isDecoderOnly());
        assertEquals(12, s.encoderLayerCount());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "\"hidden_size\": 4096|\"hidden_size\": -4096|$.hidden_size|must be > 0",
            "\"hidden_size\": 4096|\"hidden_size\": 0|$.hidden_size|must be > 0",
            "\"hidden_size\": 4096|\"hidden_size\": \"4096\"|$.hidden_size|expected an integer",
            "\"hidden_size\": 4096|\"hidden_size\": 4096.5|$.hidden_size|expected an integer",
            "\"hidden_size\": 4096|\"hidden_size\": 1e300|$.hidden_size|32-bit",
            "\"hidden_size\": 4096|\"hidden_size\": 99999999999999999999999|$.hidden_size|32-bit",
            "\"hidden_size\": 4096, |\"hidden\": 4096, |$.hidden_size|missing required field",
            "\"model_type\": \"llama\"|\"model_type\": \"mamba\"|$.model_type|unsupported model_type 'mamba'",
            "\"model_type\": \"llama\", |\"\": 1, |$.model_type|missing required field",
            "\"num_key_value_heads\": 32|\"num_key_value_heads\": 5|$|kvHeadCount must divide",
            "\"tie_word_embeddings\": false|\"tie_word_embeddings\": \"no\"|$.tie_word_embeddings|expected true or false",
            // head_dim = 4096 // 30 = 136 (floor, as transformers); 32 KV heads do not group 30 heads
            "\"num_attention_heads\": 32, |\"num_attention_heads\": 30, |$|kvHeadCount must divide"})
    void badConfig_namesTheKey(String from, String to, String path, String problem) {
        String json = LLAMA.replace(from, to);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TransformerSpec.fromHuggingFace(json));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.problem().contains(problem), e.getMessage());
    }

    @Test
    void hugeModel_overflowIsAClearError() {
        String json = LLAMA.replace("\"hidden_size\": 4096", "\"hidden_size\": 2000000000")
                .replace("\"num_hidden_layers\": 32", "\"num_hidden_layers\": 2000000000")
                .replace("\"num_attention_heads\": 32", "\"num_attention_heads\": 1")
                .replace("\"num_key_value_heads\": 32", "\"num_key_value_heads\": 1");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TransformerSpec.fromHuggingFace(json));
        assertTrue(e.problem().contains("overflows a 64-bit integer"), e.getMessage());
    }

    @Test
    void notAnObject_rejected() {
        assertThrows(InvalidInputException.class, () -> TransformerSpec.fromHuggingFace("[1, 2]"));
        assertThrows(InvalidInputException.class, () -> TransformerSpec.fromHuggingFace("{"));
    }

    @Test
    void opt350m_projectionRejectedClearly() {
        String json = """
                {"model_type": "opt", "hidden_size": 1024, "ffn_dim": 4096, "num_attention_heads": 16,
                 "num_hidden_layers": 24, "vocab_size": 50272, "max_position_embeddings": 2048,
                 "word_embed_proj_dim": 512, "do_layer_norm_before": false}
                """;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TransformerSpec.fromHuggingFace(json));
        assertEquals("$.word_embed_proj_dim", e.path());
    }

    @Test
    void models_unknownSuggests() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> Models.get("llama-3.1-7b"));
        assertTrue(e.getMessage().startsWith("unknown model 'llama-3.1-7b'; closest ids: "), e.getMessage());
        assertTrue(e.suggestions().contains("llama-3.1-8b"), e.getMessage());
    }

    @Test
    void models_aliasesAndCase() {
        assertEquals(Models.get("gpt-2-124m"), Models.get("GPT2"));
        assertEquals(Models.get("gpt-3-175b"), Models.get("gpt-3"));
    }

    @Test
    void models_requiredPresetsPresent() {
        for (String id : new String[] {"gpt-2-124m", "gpt-2-1.5b", "gpt-3-125m", "gpt-3-350m", "gpt-3-760m", "gpt-3-1.3b",
                "gpt-3-2.7b", "gpt-3-6.7b", "gpt-3-13b", "gpt-3-175b", "llama-2-7b", "llama-2-13b", "llama-2-70b",
                "llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "mistral-7b", "mixtral-8x7b", "mixtral-8x22b",
                "qwen2.5-7b", "gemma-2-9b", "gemma-2-27b", "deepseek-v3", "megatron-1t"}) {
            assertTrue(Models.find(id).isPresent(), id);
        }
    }

    // ---- defaults of transformers' configuration_*.py (transformers 5.18), one minimal config each ----

    /** The required core sizes; 32 heads so that every family's default KV-head count groups them. */
    private static final String CORE = """
            "hidden_size": 4096, "intermediate_size": 11008, "num_attention_heads": 32, "num_hidden_layers": 36,
            "vocab_size": 1000, "max_position_embeddings": 131072""";

    private static TransformerSpec config(String type, String extra) {
        return TransformerSpec.fromHuggingFace("{\"model_type\": \"" + type + "\", " + CORE
                + (extra.isEmpty() ? "" : ", " + extra) + "}");
    }

    private static InvalidInputException rejected(String type, String extra) {
        return assertThrows(InvalidInputException.class, () -> config(type, extra));
    }

    @Test
    void hugeMlp_overflowIsAClearError() {
        String json = """
                {"model_type": "llama", "hidden_size": 2147483647, "intermediate_size": 2147483647,
                 "num_attention_heads": 1, "num_key_value_heads": 1, "head_dim": 1, "num_hidden_layers": 1,
                 "vocab_size": 1, "max_position_embeddings": 1}
                """;
        // before: 3 x d x d_ff wrapped around silently and the config was accepted
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TransformerSpec.fromHuggingFace(json));
        assertTrue(e.problem().contains("parameter count overflows"), e.getMessage());
    }

    @Test
    void gemma_defaults() {
        TransformerSpec gemma = config("gemma", "");
        assertEquals(256, gemma.attention().headDim());   // head_dim: int = 256, not 4096 // 32
        assertEquals(16, gemma.attention().kvHeadCount()); // num_key_value_heads: int = 16
        assertTrue(gemma.tiedEmbeddings());
        assertTrue(gemma.attention().slidingWindowTokens().isEmpty());
        assertEquals("$.num_key_value_heads", rejected("gemma", "\"num_key_value_heads\": null").path());
        assertEquals("$.head_dim", rejected("gemma", "\"head_dim\": null").path());
    }

    @Test
    void gemma2_defaults() {
        TransformerSpec s = config("gemma2", "");
        assertEquals(256, s.attention().headDim());
        assertEquals(4, s.attention().kvHeadCount());                        // num_key_value_heads: int = 4
        assertEquals(4096, s.attention().slidingWindowTokens().getAsInt());  // sliding_window = 4096
        assertEquals(18, s.attention().slidingWindowLayerCount());           // layers 0, 2, 4, ... of 36
        assertTrue(config("gemma2", "\"sliding_window\": null").attention().slidingWindowTokens().isEmpty());
    }

    @Test
    void qwen3_defaults() {
        TransformerSpec s = config("qwen3", "");
        assertEquals(128, s.attention().headDim());        // head_dim: int = 128
        assertEquals(32, s.attention().kvHeadCount());     // num_key_value_heads = 32
        assertTrue(s.attention().qkNorm());
        assertTrue(s.attention().slidingWindowTokens().isEmpty()); // use_sliding_window = False
        assertEquals("$.head_dim", rejected("qwen3", "\"head_dim\": null").path());
    }

    @Test
    void qwen3_slidingWindowLikeQwen2() {
        // use_sliding_window: sliding_window 4096 on the layers from max_window_layers (28) on: 8 of 36
        TransformerSpec s = config("qwen3", "\"use_sliding_window\": true");
        assertEquals(4096, s.attention().slidingWindowTokens().getAsInt());
        assertEquals(8, s.attention().slidingWindowLayerCount());
        assertEquals(6, config("qwen3", "\"use_sliding_window\": true, \"max_window_layers\": 30")
                .attention().slidingWindowLayerCount());
        String types = "\"layer_types\": [" + "\"sliding_attention\", ".repeat(10) + "\"full_attention\", ".repeat(25)
                + "\"full_attention\"]";
        assertEquals(10, config("qwen3", "\"use_sliding_window\": true, " + types).attention().slidingWindowLayerCount());
        assertTrue(config("qwen3", types).attention().slidingWindowTokens().isEmpty()); // no use_sliding_window
        assertTrue(config("qwen3", "\"use_sliding_window\": true, \"sliding_window\": null").attention()
                .slidingWindowTokens().isEmpty());
    }

    @Test
    void qwen2_defaults() {
        TransformerSpec s = config("qwen2", "");
        assertEquals(32, s.attention().kvHeadCount());
        assertEquals(128, s.attention().headDim());
        assertTrue(s.attention().qkvBias());
        assertEquals(8, config("qwen2", "\"use_sliding_window\": true").attention().slidingWindowLayerCount());
    }

    @Test
    void qwen2Moe_defaultsAndQkvBias() {
        TransformerSpec s = config("qwen2_moe", "");
        assertEquals(16, s.attention().kvHeadCount());
        assertTrue(s.attention().qkvBias());                 // qkv_bias = True
        assertFalse(s.attention().outputBias());
        Moe moe = s.moe().orElseThrow();
        assertEquals(60, moe.routedExperts());
        assertEquals(4, moe.expertsPerToken());
        assertEquals(1408, moe.expertIntermediateSize());
        assertEquals(5632, moe.sharedExpertIntermediateSize()); // shared_expert_intermediate_size = 5632
        assertEquals(36, moe.layerCount());
        TransformerSpec noBias = config("qwen2_moe", "\"qkv_bias\": false");
        assertFalse(noBias.attention().qkvBias());
        assertEquals(s.parameterCount().total() - 36L * (4096 + 2 * 16 * 128), noBias.parameterCount().total());
        // use_sliding_window: the even layers below max_window_layers (28): 0, 2, ..., 26
        assertEquals(14, config("qwen2_moe", "\"use_sliding_window\": true").attention().slidingWindowLayerCount());
        assertTrue(config("qwen2_moe", "\"num_experts\": 0").moe().isEmpty());
    }

    @Test
    void mistral_defaults() {
        TransformerSpec s = config("mistral", "");
        assertEquals(8, s.attention().kvHeadCount());                        // num_key_value_heads = 8
        assertEquals(128, s.attention().headDim());                          // hidden // heads
        assertEquals(4096, s.attention().slidingWindowTokens().getAsInt());  // sliding_window = 4096
        assertEquals(36, s.attention().slidingWindowLayerCount());
        assertTrue(config("mistral", "\"sliding_window\": null").attention().slidingWindowTokens().isEmpty());
        assertEquals(32, config("mistral", "\"num_key_value_heads\": null").attention().kvHeadCount());
        assertEquals(128, config("mistral", "\"head_dim\": null").attention().headDim());
        assertFalse(config("mistral", "\"attention_bias\": true").attention().qkvBias()); // no such key in Mistral
    }

    @Test
    void mixtral_defaults() {
        TransformerSpec s = config("mixtral", "");
        assertEquals(8, s.attention().kvHeadCount());
        assertTrue(s.attention().slidingWindowTokens().isEmpty());          // sliding_window = None
        assertEquals(8, s.moe().orElseThrow().routedExperts());             // num_local_experts = 8
        assertEquals(2, s.moe().orElseThrow().expertsPerToken());           // num_experts_per_tok = 2
    }

    @Test
    void llama_headDimFloorsAndNullKvHeadsMeanHeads() {
        TransformerSpec s = config("llama", "\"mlp_bias\": true");
        assertEquals(128, s.attention().headDim());
        assertEquals(32, s.attention().kvHeadCount());  // num_key_value_heads = None: the heads
        assertTrue(s.mlp().bias());
        String json = LLAMA.replace("\"num_attention_heads\": 32", "\"num_attention_heads\": 30")
                .replace("\"num_key_value_heads\": 32", "\"num_key_value_heads\": null");
        TransformerSpec floored = TransformerSpec.fromHuggingFace(json);
        assertEquals(136, floored.attention().headDim()); // 4096 // 30, as LlamaConfig computes it
        assertEquals(30, floored.attention().kvHeadCount());
    }

    @Test
    void deepseekV3_defaults() {
        TransformerSpec s = config("deepseek_v3", "");
        Mla mla = s.attention().mla().orElseThrow();
        assertEquals(1536, mla.qLoraRank());
        assertEquals(512, mla.kvLoraRank());
        assertEquals(128, mla.qkNopeHeadDim());
        assertEquals(64, mla.qkRopeHeadDim());
        assertEquals(128, mla.vHeadDim());
        Moe moe = s.moe().orElseThrow();
        assertEquals(256, moe.routedExperts());
        assertEquals(1, moe.sharedExperts());
        assertEquals(8, moe.expertsPerToken());
        assertEquals(2048, moe.expertIntermediateSize());
        assertEquals(33, moe.layerCount());                  // first_k_dense_replace = 3 of 36
        assertEquals(1, s.multiTokenPredictionModules());    // num_mtp_layers = 1
        assertEquals(0, config("deepseek_v3", "\"q_lora_rank\": null").attention().mla().orElseThrow().qLoraRank());
        assertEquals("$.v_head_dim", rejected("deepseek_v3", "\"v_head_dim\": null").path());
    }

    @Test
    void deepseekV2_defaults() {
        TransformerSpec s = config("deepseek_v2", "\"num_experts_per_tok\": 6");
        assertEquals(1536, s.attention().mla().orElseThrow().qLoraRank());
        Moe moe = s.moe().orElseThrow();
        assertEquals(64, moe.routedExperts());
        assertEquals(2, moe.sharedExperts());
        assertEquals(1407, moe.expertIntermediateSize());
        assertEquals(36, moe.layerCount());                  // first_k_dense_replace = 0
        assertEquals(0, s.multiTokenPredictionModules());
        // num_experts_per_tok defaults to None, with which transformers cannot build the MoE
        assertEquals("$.num_experts_per_tok", rejected("deepseek_v2", "").path());
        assertEquals(32, config("deepseek_v2", "\"num_experts\": 32, \"num_experts_per_tok\": 6").moe().orElseThrow()
                .routedExperts()); // attribute_map: num_experts is n_routed_experts
    }

    @Test
    void opt_removedFinalLayerNormRejected() {
        String json = """
                {"model_type": "opt", "hidden_size": 768, "ffn_dim": 3072, "num_attention_heads": 12,
                 "num_hidden_layers": 12, "vocab_size": 50272, "max_position_embeddings": 2048,
                 "_remove_final_layer_norm": true}
                """;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TransformerSpec.fromHuggingFace(json));
        assertEquals("$._remove_final_layer_norm", e.path());
        assertTrue(e.problem().contains("not modelled"), e.getMessage());
    }

    private static final String GPT2 = """
            {"model_type": "gpt2", "n_embd": 768, "n_layer": 12, "n_head": 12, "n_positions": 1024,
             "vocab_size": 50257, "n_inner": null}
            """;

    @Test
    void gpt2_crossAttentionRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TransformerSpec.fromHuggingFace(GPT2.replace("\"n_inner\": null", "\"add_cross_attention\": true")));
        assertEquals("$.add_cross_attention", e.path());
        assertTrue(e.problem().contains("not modelled"), e.getMessage());
    }

    @Test
    void gpt2_defaultInnerSizeOverflowIsAClearError() {
        String json = GPT2.replace("\"n_embd\": 768", "\"n_embd\": 600000000").replace("\"n_head\": 12", "\"n_head\": 1");
        // before: 4 * 600,000,000 wrapped to a negative width
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TransformerSpec.fromHuggingFace(json));
        assertEquals("$.n_inner", e.path());
        assertTrue(e.problem().contains("4 * n_embd (2400000000) does not fit in a 32-bit integer"), e.getMessage());
        assertEquals(3072, TransformerSpec.fromHuggingFace(GPT2).mlp().intermediateSize());
    }

    @Test
    void recordErrors_carryTheSourceAndPath() {
        // before: Mlp's IllegalArgumentException escaped without the file and JSON path
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TransformerSpec.fromHuggingFace(
                GPT2.replace("\"n_inner\": null", "\"n_inner\": null, \"activation_function\": \" \"")));
        assertEquals("config.json", e.source());
        assertEquals("$", e.path());
        assertTrue(e.problem().startsWith("mlp.activation must not be blank"), e.getMessage());
    }
}
