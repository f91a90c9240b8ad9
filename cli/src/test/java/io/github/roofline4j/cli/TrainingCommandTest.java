package io.github.roofline4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

class TrainingCommandTest {

    @Test
    void json_hasTheContractFields() {
        CliRunner r = CliRunner.run("training", "--model", "llama-3.1-8b", "--cluster", "dgx-h100", "--gpus", "16",
                "--tp", "2", "--sequence-parallel", "--zero", "1", "--micro-batch", "2", "--global-batch", "64",
                "--seq", "4096", "--recompute", "selective", "--tokens", "1e12", "--price-per-gpu-hour", "2.5", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = Json.parse(r.out(), "stdout");
        for (String field : new String[] {"stepSeconds", "tokensPerSecond", "modelFlopsPerStep", "mfu", "hfu",
                "achievedFlopsPerSecondPerGpu", "memoryPerGpuBytes", "fits", "pipelineBubbleFraction",
                "communicationSeconds", "trainingSeconds", "gpuHours", "costDollars", "energyJoules"}) {
            assertTrue(j.has(field), field);
        }
        for (String part : new String[] {"weights", "gradients", "optimizer", "activations"}) {
            assertTrue(j.get("memoryPerGpuBytes").get(part).longValue() > 0, part);
        }
        assertTrue(j.get("fits").booleanValue());
        double mfu = j.get("mfu").doubleValue();
        assertTrue(mfu > 0 && mfu <= j.get("hfu").doubleValue() && j.get("hfu").doubleValue() <= 1);
        double hours = j.get("gpuHours").doubleValue();
        assertEquals(hours * 2.5, j.get("costDollars").doubleValue(), 1e-6 * hours);
        assertEquals(16 * j.get("trainingSeconds").doubleValue() / 3600, hours, 1e-9 * hours);
    }

    @Test
    void withoutTokens_noBudgetFields() {
        CliRunner r = CliRunner.run("training", "--model", "gpt-3-350m", "--hardware", "a100", "--gpus", "8", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = Json.parse(r.out(), "stdout");
        assertTrue(j.get("trainingSeconds").isNull());
        assertTrue(j.get("gpuHours").isNull());
    }

    @Test
    void text_table() {
        CliRunner r = CliRunner.run("training", "--model", "megatron-39.1b", "--cluster", "dgx-a100", "--gpus", "512",
                "--tp", "8", "--pp", "2", "--virtual-stages", "3", "--global-batch", "1536", "--recompute", "full",
                "--no-flash-attention", "--dropout");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("pipeline bubble"), r.out());
        assertTrue(r.out().contains("First stage, one micro-batch, backward"), r.out());
    }

    @Test
    void doesNotFit_isAResult() {
        CliRunner r = CliRunner.run("training", "--model", "llama-3.1-70b", "--hardware", "h100", "--gpus", "8", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = Json.parse(r.out(), "stdout");
        assertFalse(j.get("fits").booleanValue());
        String violation = j.get("violations").get(0).stringValue();
        assertTrue(violation.contains("per device") && violation.contains("is available"), violation);
    }

    @Test
    void unevenPipeline() {
        String[] base = {"training", "--model", "llama-3.1-405b", "--cluster", "dgx-h100", "--gpus", "1024", "--tp", "8",
                "--pp", "16", "--seq", "8192", "--global-batch", "512", "--recompute", "full", "--zero", "1", "--json"};
        CliRunner rejected = CliRunner.run(base);
        assertEquals(2, rejected.exitCode());
        assertTrue(rejected.err().contains("must divide the 126 layers"), rejected.err());
        String[] uneven = java.util.Arrays.copyOf(base, base.length + 1);
        uneven[base.length] = "--uneven-pipeline";
        CliRunner r = CliRunner.run(uneven);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Json.parse(r.out(), "stdout").get("plan").stringValue().contains("uneven stages"));
    }

    @Test
    void gpt2TypeConfig(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"model_type": "gpt2", "n_layer": 24, "n_embd": 2304, "n_head": 24, "vocab_size": 51200,
                 "n_positions": 2048}
                """);
        CliRunner r = CliRunner.run("training", "--model", config.toString(), "--hardware", "a100", "--gpus", "32",
                "--global-batch", "512", "--recompute", "full", "--no-flash-attention", "--dropout", "--json");
        assertEquals(0, r.exitCode(), r.err());
        double tflops = Json.parse(r.out(), "stdout").get("achievedFlopsPerSecondPerGpu").doubleValue() / 1e12;
        assertTrue(tflops > 100 && tflops < 312, "TFLOP/s " + tflops);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--tp 3|must divide",
            "--dp 3|must equal the 8 devices",
            "--zero 4|zero must be 0, 1, 2 or 3, was 4",
            "--recompute partial|--recompute: unknown value 'partial'; expected one of none, selective, full",
            "--precision fp4|--precision: unknown value 'fp4'",
            "--optimizer lion|--optimizer: unknown value 'lion'",
            "--price-per-gpu-hour 2|--price-per-gpu-hour needs --tokens",
            "--micro-batch 0|microBatchSize must be > 0",
            "--global-batch 12 --micro-batch 1|globalBatchSize 12 must be divisible by microBatchSize x dataParallel = 8",
            "--sequence-parallel|sequence parallelism needs tensor parallelism > 1",
            "--pp 3|tensorParallel x pipelineParallel x contextParallel = 3 must divide the 8 devices",
            "--seq 5000|sequence of 5000 tokens exceeds the 4096-token maximum",
            "--ep 2|expertParallel 2 needs a mixture-of-experts model",
            "--tokens 0|tokens must be > 0"})
    void badInput_oneLineExit2(String flags, String message) {
        String[] base = {"training", "--model", "llama-2-7b", "--hardware", "a100", "--gpus", "8"};
        CliRunner r = CliRunner.run(base, flags);
        assertEquals(2, r.exitCode(), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    @Test
    void hardwareNeedsGpus() {
        CliRunner r = CliRunner.run("training", "--model", "llama-2-7b", "--hardware", "a100");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--hardware needs --gpus N"), r.err());
    }

    @Test
    void plot_writesRooflineImage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path png = dir.resolve("roofline.png");
        CliRunner r = CliRunner.run("training", "--model", "llama-2-7b", "--hardware", "a100", "--gpus", "8", "--json", "--plot", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        java.nio.file.Path svg = dir.resolve("roofline.svg");
        assertEquals(0, CliRunner.run("training", "--model", "llama-2-7b", "--hardware", "a100", "--gpus", "8", "--plot", svg.toString()).exitCode());
        assertTrue(java.nio.file.Files.readString(svg).contains("<svg"));
        CliRunner bad = CliRunner.run("training", "--model", "llama-2-7b", "--hardware", "a100", "--gpus", "8", "--plot", dir.resolve("roofline.gif").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("must end in .png or .svg"), bad.err());
    }
}
