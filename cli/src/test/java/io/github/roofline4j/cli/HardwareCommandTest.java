package io.github.roofline4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

class HardwareCommandTest {

    @Test
    void show_text() {
        CliRunner r = CliRunner.run("hardware", "show", "h100-sxm");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("NVIDIA H100 SXM5 80GB\n"), r.out());
        assertTrue(r.out().contains("989.4 TFLOP/s"), r.out());
        assertTrue(r.out().contains("References"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void show_jsonHasStableUnitSuffixedFields() {
        CliRunner r = CliRunner.run("hardware", "show", "H100", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = Json.parse(r.out(), "stdout");
        assertEquals("h100-sxm", json.get("id").stringValue());
        assertEquals(80_000_000_000L, json.get("memoryBytes").longValue());
        assertEquals(3.35e12, json.get("memoryBandwidthBytesPerSecond").doubleValue());
        assertEquals(989.4e12, json.get("peakFlopsPerSecond").get("BF16").doubleValue(), 1);
        assertTrue(json.get("sources").has("memoryBytes"));
    }

    @Test
    void show_unknownIdOneLineWithSuggestionsExit2() {
        CliRunner r = CliRunner.run("hardware", "show", "h10");
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("unknown accelerator 'h10'; closest ids: "), r.err());
        assertTrue(r.err().contains("h100-sxm"), r.err());
    }

    @Test
    void show_missingFileExit2(@TempDir Path dir) {
        CliRunner r = CliRunner.run("hardware", "show", dir.resolve("nope.json").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no such file"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void show_badFileNamesPathExit2(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"id\": \"x\", \"vendor\": \"V\", \"displayName\": \"X\", \"memoryBytes\": -1,"
                + " \"memoryBandwidthBytesPerSecond\": 1, \"peakFlopsPerSecond\": {\"BF16\": 1}}");
        CliRunner r = CliRunner.run("hardware", "show", file.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("$.memoryBytes: must be >= 0"), r.err());
    }

    @Test
    void show_userFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x1.json");
        Files.writeString(file, "{\"id\": \"x1\", \"vendor\": \"ACME\", \"displayName\": \"ACME X1\", \"memoryBytes\": \"96 GB\","
                + " \"memoryBandwidthBytesPerSecond\": \"4 TB/s\", \"peakFlopsPerSecond\": {\"BF16\": \"800 TFLOP/s\"}}");
        CliRunner r = CliRunner.run("hardware", "show", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("ACME X1"), r.out());
    }

    @Test
    void list_tableAndVendorFilter() {
        CliRunner all = CliRunner.run("hardware", "list");
        assertEquals(0, all.exitCode(), all.err());
        assertTrue(all.out().contains("h100-sxm"));
        assertTrue(all.out().contains("tpu-v5p"));
        CliRunner amd = CliRunner.run("hardware", "list", "--vendor", "amd");
        assertTrue(amd.out().contains("mi300x"));
        assertTrue(!amd.out().contains("h100-sxm"));
    }

    @Test
    void list_json() {
        CliRunner r = CliRunner.run("hardware", "list", "--json");
        JsonNode json = Json.parse(r.out(), "stdout");
        assertTrue(json.get("accelerators").size() >= 30);
    }

    @Test
    void list_unknownVendorExit2() {
        CliRunner r = CliRunner.run("hardware", "list", "--vendor", "acme");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--vendor: no accelerators from 'acme'"), r.err());
    }

    @Test
    void clusters_tableAndJson() {
        CliRunner r = CliRunner.run("hardware", "clusters");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("gb200-nvl72"));
        JsonNode json = Json.parse(CliRunner.run("hardware", "clusters", "--json").out(), "stdout");
        assertTrue(json.get("clusters").size() >= 6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "-x"})
    void unknownFlagOneLineExit2(String flag) {
        CliRunner r = CliRunner.run("hardware", "show", "h100", flag);
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("roofline4j hardware show: "), r.err());
    }

    @Test
    void missingArgumentExit2() {
        CliRunner r = CliRunner.run("hardware", "show");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void missingSubcommandExit2() {
        CliRunner r = CliRunner.run("hardware");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("missing subcommand"), r.err());
        CliRunner top = CliRunner.run();
        assertEquals(2, top.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpEverywhereExit0(String help) {
        for (String[] args : new String[][] {{help}, {"hardware", help}, {"hardware", "show", help},
                {"hardware", "list", help}, {"hardware", "clusters", help}}) {
            CliRunner r = CliRunner.run(args);
            assertEquals(0, r.exitCode(), String.join(" ", args));
            assertTrue(r.out().contains("Usage:"), r.out());
        }
    }

    @Test
    void version() {
        CliRunner r = CliRunner.run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("roofline4j "), r.out());
    }

    @Test
    void show_h800Fp32IsUnsupportedNotTheFp64VectorRate() {
        CliRunner r = CliRunner.run("hardware", "show", "h800");
        assertEquals(0, r.exitCode(), r.err());
        String fp32 = r.out().lines().filter(l -> l.startsWith("FP32 ")).findFirst().orElseThrow();
        assertTrue(fp32.contains("unsupported (no known rate)"), fp32);
    }

    @Test
    void show_fileWithSeveralAcceleratorsExit2(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("two.json");
        String one = "{\"id\": \"%s\", \"vendor\": \"ACME\", \"displayName\": \"X\", \"memoryBytes\": \"1 GB\","
                + " \"memoryBandwidthBytesPerSecond\": \"1 TB/s\", \"peakFlopsPerSecond\": {\"FP16\": \"1 TFLOP/s\"}}";
        Files.writeString(file, "{\"accelerators\": [" + one.formatted("x1") + ", " + one.formatted("x2") + "]}");
        CliRunner r = CliRunner.run("hardware", "show", file.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("expected one accelerator, found 2 (x1, x2)"), r.err());
    }

    @Test
    void show_blankIdExit2() {
        CliRunner r = CliRunner.run("hardware", "show", " ");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("must not be blank"), r.err());
    }
}
