package io.github.roofline4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

class ModelCommandTest {

    @Test
    void show_jsonContractFields() {
        CliRunner r = CliRunner.run("model", "show", "llama-2-7b", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = Json.parse(r.out(), "stdout");
        assertEquals(6_738_415_616L, j.get("parameters").longValue());
        assertEquals(6_738_415_616L, j.get("activeParameters").longValue());
        assertEquals(2L * 32000 * 4096, j.get("embeddingParameters").longValue());
        assertEquals(524_288L, j.get("kvCacheBytesPerToken").longValue());
        assertEquals(32, j.get("layers").intValue());
        assertEquals(4096, j.get("hiddenSize").intValue());
        assertTrue(j.get("forwardFlopsPerToken").doubleValue() > 2 * 6.476e9);
        assertEquals(4096, j.get("sequenceTokens").intValue());
        assertTrue(j.get("parameterBreakdown").has("attention"));
    }

    @Test
    void show_kvFormatAndSeq() {
        JsonNode j = Json.parse(CliRunner.run("model", "show", "llama-3.1-8b", "--kv", "fp8", "--seq", "1024", "--json")
                .out(), "stdout");
        assertEquals(65_536L, j.get("kvCacheBytesPerToken").longValue());
        assertEquals(1024L * 65_536L, j.get("kvCacheBytesAtSequence").longValue());
        assertEquals("fp8", j.get("kvCacheFormat").stringValue());
        assertFalse(j.has("kvDataType"));
    }

    @Test
    void show_int8KvIncludesScales() {
        JsonNode j = Json.parse(CliRunner.run("model", "show", "llama-3.1-8b", "--kv", "INT8", "--json").out(), "stdout");
        // 65,536 one-byte elements plus an FP16 scale and zero point (4 bytes) for each of the 512 head vectors
        assertEquals(67_584L, j.get("kvCacheBytesPerToken").longValue());
        assertEquals("int8", j.get("kvCacheFormat").stringValue());
    }

    @Test
    void show_unknownKvFormatExit2() {
        CliRunner r = CliRunner.run("model", "show", "llama-3.1-8b", "--kv", "nvfp4");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("--kv: unknown KV-cache format 'nvfp4'"), r.err());
        assertTrue(r.err().contains("accepted: fp32, bf16, fp16, fp8, int8, int4"), r.err());
    }

    @Test
    void show_text() {
        CliRunner r = CliRunner.run("model", "show", "mixtral-8x7b");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("active per token           12.88B (12879925248)"), r.out());
    }

    @Test
    void show_configFile(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"model_type": "mistral", "hidden_size": 4096, "intermediate_size": 14336, "num_attention_heads": 32,
                 "num_hidden_layers": 32, "num_key_value_heads": 8, "vocab_size": 32768, "max_position_embeddings": 32768,
                 "sliding_window": null, "tie_word_embeddings": false}
                """);
        JsonNode j = Json.parse(CliRunner.run("model", "show", config.toString(), "--json").out(), "stdout");
        assertEquals(7_248_023_552L, j.get("parameters").longValue()); // Mistral-7B-v0.3 (vocab 32768)
    }

    @Test
    void show_badConfigOneLineExit2(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"model_type\": \"llama\", \"hidden_size\": -1}");
        CliRunner r = CliRunner.run("model", "show", config.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("$.hidden_size: must be > 0, was -1"), r.err());
    }

    @Test
    void show_seqBeyondModelExit2() {
        CliRunner r = CliRunner.run("model", "show", "gpt2", "--seq", "4096");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--seq must be in [1, 1024] for GPT-2 124M, was 4096"), r.err());
    }

    @Test
    void show_nonNumericSeqExit2() {
        CliRunner r = CliRunner.run("model", "show", "gpt2", "--seq", "lots");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("--seq"), r.err());
    }

    @Test
    void show_unknownModelSuggests() {
        CliRunner r = CliRunner.run("model", "show", "llama-3.1-7b");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("llama-3.1-8b"), r.err());
    }

    @Test
    void show_encoderDecoderHasNoFlopsFields() {
        JsonNode j = Json.parse(CliRunner.run("model", "show", "t5-base", "--json").out(), "stdout");
        assertEquals(222_903_552L, j.get("parameters").longValue());
        assertTrue(j.get("forwardFlopsPerToken").isNull());
        assertFalse(j.get("notes").isEmpty());
    }

    @Test
    void list_tableAndJson() {
        CliRunner r = CliRunner.run("model", "list");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("llama-3.1-405b"));
        JsonNode j = Json.parse(CliRunner.run("model", "list", "--json").out(), "stdout");
        assertTrue(j.get("models").size() >= 40);
        assertEquals("gpt-2-124m", j.get("models").get(0).get("id").stringValue());
        assertEquals(124_439_808L, j.get("models").get(0).get("parameters").longValue());
    }
}
