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
            "\"num_attention_heads\": 32, |\"num_attention_heads\": 30, |$.num_attention_heads|must divide hidden_size"})
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
}
