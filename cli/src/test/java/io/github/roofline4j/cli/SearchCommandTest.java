package io.github.roofline4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

class SearchCommandTest {

    @Test
    void json_hasTheContractFields() {
        CliRunner r = CliRunner.run("search", "--model", "llama-2-7b", "--hardware", "h100-sxm", "--gpus", "16",
                "--global-batch", "64", "--seq", "4096", "--top", "3", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = Json.parse(r.out(), "stdout");
        for (String field : new String[] {"plans", "evaluated", "feasible", "searchSeconds"}) {
            assertTrue(j.has(field), field);
        }
        assertEquals(3, j.get("plans").size());
        assertTrue(j.get("evaluated").longValue() >= j.get("feasible").longValue());
        assertTrue(j.get("complete").booleanValue());
        double previous = 0;
        for (JsonNode p : j.get("plans")) {
            for (String field : new String[] {"rank", "plan", "stepSeconds", "tokensPerSecond", "mfu", "hfu",
                    "memoryPerGpuBytes", "fits", "pipelineBubbleFraction", "communicationSeconds"}) {
                assertTrue(p.has(field), field);
            }
            assertTrue(p.get("fits").booleanValue());
            assertEquals(16, p.get("plan").get("tensorParallel").intValue() * p.get("plan").get("pipelineParallel").intValue()
                    * p.get("plan").get("dataParallel").intValue() * p.get("plan").get("contextParallel").intValue());
            assertTrue(p.get("stepSeconds").doubleValue() >= previous);
            previous = p.get("stepSeconds").doubleValue();
        }
    }

    @Test
    void text_tableAndCounts_constraintsApplied() {
        CliRunner r = CliRunner.run("search", "--model", "llama-2-7b", "--cluster", "dgx-h100", "--gpus", "16",
                "--global-batch", "64", "--seq", "4096", "--tp", "2,4", "--zero", "1", "--recompute", "none,selective",
                "--placement", "tp-cp-dp-pp", "--progress");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("plans evaluated"), r.out());
        assertTrue(r.out().contains("ZeRO-1"), r.out());
        assertTrue(!r.out().contains("TP1 ") && !r.out().contains("TP8"), r.out());
        assertTrue(r.err().contains("plans/s"), r.err());
    }

    @Test
    void devicesObjective_fewestDevices() {
        CliRunner r = CliRunner.run("search", "--model", "llama-2-7b", "--cluster", "dgx-h100", "--gpus", "32",
                "--global-batch", "64", "--seq", "4096", "--objective", "devices", "--target-step-seconds", "100",
                "--top", "1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode plan = Json.parse(r.out(), "stdout").get("plans").get(0);
        assertEquals(8, plan.get("devices").intValue(), "one node meets a 100 s step");
    }

    @Test
    void nothingFits_saysSo() {
        CliRunner r = CliRunner.run("search", "--model", "llama-2-70b", "--hardware", "a100-sxm-40gb", "--gpus", "8",
                "--global-batch", "8", "--seq", "4096", "--no-offload");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("no plan fits"), r.out());
    }

    @Test
    void emptySpace_saysSo() {
        CliRunner r = CliRunner.run("search", "--model", "llama-2-7b", "--hardware", "h100-sxm", "--gpus", "8",
                "--global-batch", "64", "--seq", "4096", "--tp", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("the space holds no valid plan"), r.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--global-batch 64 --seq 4096 --objective fastest | --objective: objective must be one of time, mfu, cost, devices",
        "--global-batch 64 --seq 4096 --tp 2,x | --tp: expected an integer >= 1, was 'x'",
        "--global-batch 64 --seq 4096 --zero 5 | --zero:",
        "--global-batch 64 --seq 4096 --recompute some | --recompute: expected none, selective or full, was 'some'",
        "--global-batch 64 --seq 4096 --placement tp-xx | --placement: placement must be one of",
        "--global-batch 64 --seq 4096 --objective devices | targetStepSeconds",
        "--global-batch 64 --seq 4096 --sequence-parallel maybe | --sequence-parallel must be always, never or both",
        "--global-batch 0 --seq 4096 | globalBatchSize must be",
        "--seq 4096 | --global-batch",
    })
    void badInput_oneLineExit2(String flags, String message) {
        String[] base = {"search", "--model", "llama-2-7b", "--hardware", "h100-sxm", "--gpus", "16"};
        CliRunner r = CliRunner.run(base, flags);
        assertEquals(2, r.exitCode(), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    @Test
    void serveSearch_json_meetsTargets() {
        CliRunner r = CliRunner.run("serve-search", "--model", "llama-3.1-8b", "--hardware", "h100-sxm", "--max-gpus", "4",
                "--prompt-tokens", "1024", "--output-tokens", "128", "--ttft", "0.5", "--tpot", "0.02", "--top", "3",
                "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = Json.parse(r.out(), "stdout");
        assertEquals(3, j.get("best").size());
        for (JsonNode c : j.get("best")) {
            assertTrue(c.get("estimate").get("prefillSeconds").doubleValue() <= 0.5);
            assertTrue(c.get("estimate").get("decodeSecondsPerToken").doubleValue() <= 0.02);
            assertTrue(c.get("estimate").get("fits").booleanValue());
            assertTrue(c.get("tokensPerSecondPerDevice").doubleValue() > 0);
        }
        assertEquals(3, j.get("bestPerDeviceCount").size(), "1, 2 and 4 devices");
    }

    @Test
    void serveSearch_text() {
        CliRunner r = CliRunner.run("serve-search", "--model", "llama-3.1-70b", "--hardware", "h100-sxm", "--tpot", "0.05");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Best per device count"), r.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--ttft -1 | maxTimeToFirstTokenSeconds must be",
        "--max-gpus 0 | --max-gpus must be >= 1, was 0",
        "--prompt-tokens 200000 | maximum context",
    })
    void serveSearch_badInput_oneLineExit2(String flags, String message) {
        String[] base = {"serve-search", "--model", "llama-3.1-8b", "--hardware", "h100-sxm"};
        CliRunner r = CliRunner.run(base, flags);
        assertEquals(2, r.exitCode(), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(message), r.err());
    }
}
