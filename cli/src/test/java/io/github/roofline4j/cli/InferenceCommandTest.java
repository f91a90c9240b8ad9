package io.github.roofline4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

class InferenceCommandTest {

    @Test
    void json_hasTheContractFields() {
        CliRunner r = CliRunner.run("inference", "--model", "llama-3.1-8b", "--hardware", "h100", "--batch", "4",
                "--prompt-tokens", "1024", "--output-tokens", "256", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = Json.parse(r.out(), "stdout");
        for (String field : new String[] {"weightBytes", "kvCacheBytes", "totalMemoryBytes", "fits", "maxBatchAtContext",
                "prefillSeconds", "decodeSecondsPerToken", "decodeTokensPerSecond", "bottleneck", "operations",
                "endToEndSeconds"}) {
            assertTrue(j.has(field), field);
        }
        assertTrue(j.get("fits").booleanValue());
        assertEquals("memory", j.get("bottleneck").stringValue());
        JsonNode op = j.get("operations").get(0);
        for (String field : new String[] {"name", "flops", "bytes", "seconds", "bound"}) {
            assertTrue(op.has(field), field);
        }
        assertTrue(j.get("decodeTokensPerSecond").doubleValue() > 0);
    }

    @Test
    void text_table() {
        CliRunner r = CliRunner.run("inference", "--model", "llama-2-7b", "--hardware", "a100");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("time to first token"), r.out());
        assertTrue(r.out().contains("Decode step operations"), r.out());
    }

    @Test
    void quantizationTpAndSpeculation() {
        CliRunner r = CliRunner.run("inference", "--model", "llama-3.1-70b", "--hardware", "h100", "--tp", "4",
                "--weights", "fp8", "--activations", "fp8", "--draft", "llama-3.1-8b", "--speculate", "4",
                "--acceptance", "0.8", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = Json.parse(r.out(), "stdout");
        assertEquals("fp8", j.get("kvCache").stringValue());
        assertTrue(j.get("speculation").get("speedup").doubleValue() > 1);
    }

    @Test
    void cluster() {
        CliRunner r = CliRunner.run("inference", "--model", "llama-3.1-70b", "--cluster", "dgx-h100", "--tp", "8",
                "--json");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void doesNotFit_isAResult() {
        CliRunner r = CliRunner.run("inference", "--model", "llama-3.1-405b", "--hardware", "h100", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = Json.parse(r.out(), "stdout");
        assertFalse(j.get("fits").booleanValue());
        assertTrue(j.get("violations").get(0).stringValue().startsWith("weights need"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--batch 0|batch must be > 0",
            "--tp 3|must divide the 32 attention heads",
            "--weights int5|unknown weight format 'int5'",
            "--kv nvfp4|--kv: unknown KV-cache format 'nvfp4'",
            "--prompt-tokens 4000 --output-tokens 200|exceeds the 4096-token maximum context",
            "--weights fp8 --activations int8|no kernel",
            "--speculate 4|need --draft",
            "--draft self|self-speculation needs multi-token-prediction modules",
            "--acceptance 1.5 --draft llama-2-7b|acceptanceRate must be in [0, 1]"})
    void badInput_oneLineExit2(String flags, String message) {
        String[] base = {"inference", "--model", "llama-2-7b", "--hardware", "a100"};
        CliRunner r = CliRunner.run(base, flags);
        assertEquals(2, r.exitCode(), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    @Test
    void hardwareAndClusterBothOrNeither() {
        assertEquals(2, CliRunner.run("inference", "--model", "llama-2-7b").exitCode());
        assertEquals(2, CliRunner.run("inference", "--model", "llama-2-7b", "--hardware", "h100", "--cluster",
                "dgx-h100").exitCode());
    }

    @Test
    void roofline_ridgePoints() {
        CliRunner r = CliRunner.run("roofline", "--hardware", "h100", "--dtype", "bf16");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("295.3 FLOP/B"), r.out());
        JsonNode j = Json.parse(CliRunner.run("roofline", "--hardware", "a100", "--json").out(), "stdout");
        JsonNode fp8 = null;
        for (JsonNode n : j.get("rooflines").values()) {
            if (n.get("dataType").stringValue().equals("FP8_E4M3")) {
                fp8 = n;
            }
        }
        assertEquals("BF16", fp8.get("executedAs").stringValue());
        assertEquals(312e12 / 2.039e12, fp8.get("ridgePointFlopsPerByte").doubleValue(), 1e-9);
    }

    @Test
    void plot_writesRooflineImage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path png = dir.resolve("roofline.png");
        CliRunner r = CliRunner.run("inference", "--model", "llama-2-7b", "--hardware", "a100", "--json", "--plot", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        java.nio.file.Path svg = dir.resolve("roofline.svg");
        assertEquals(0, CliRunner.run("inference", "--model", "llama-2-7b", "--hardware", "a100", "--plot", svg.toString()).exitCode());
        assertTrue(java.nio.file.Files.readString(svg).contains("<svg"));
        CliRunner bad = CliRunner.run("inference", "--model", "llama-2-7b", "--hardware", "a100", "--plot", dir.resolve("roofline.gif").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("must end in .png or .svg"), bad.err());
    }
}
