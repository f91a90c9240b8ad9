package io.github.roofline4j.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.JsonFields;
import io.github.roofline4j.units.Units;

class HardwareJsonTest {

    private static final String GPU = """
            {
              "id": "my-gpu", "vendor": "ACME", "displayName": "ACME X1",
              "aliases": ["x1"],
              "memoryBytes": "96 GB", "memoryBandwidthBytesPerSecond": "4 TB/s",
              "peakFlopsPerSecond": {"BF16": "800 TFLOP/s", "FP8": "1600 TFLOP/s"},
              "scaleUp": {"name": "X-Link", "perDirectionBytesPerSecond": "400 GB/s", "latencySeconds": "2 us"},
              "scaleOut": {"name": "NIC", "perDirectionBytesPerSecond": "400 Gb/s"},
              "sources": {"memoryBytes": "[DS] p. 2", "peakFlopsPerSecond.FP8": "[DS] p. 3"},
              "notes": ["A made-up accelerator."]
            }
            """;

    @Test
    void parseAccelerator_unitsAndFp8Shorthand() {
        Accelerator a = HardwareJson.parseAccelerator(GPU, "gpu.json");
        assertEquals(96 * Units.GB, a.memoryBytes());
        assertEquals(4e12, a.memoryBandwidthBytesPerSecond());
        assertEquals(1600e12, a.peakFlopsPerSecond().get(DataType.FP8_E4M3));
        assertEquals(1600e12, a.peakFlopsPerSecond().get(DataType.FP8_E5M2));
        assertEquals(50e9, a.scaleOut().orElseThrow().perDirectionBytesPerSecond());
        assertEquals(2e-6, a.scaleUp().orElseThrow().latencySeconds().orElseThrow(), 1e-18);
        assertEquals("[DS] p. 3", a.sources().get("peakFlopsPerSecond.FP8_E5M2"));
    }

    @Test
    void roundTrip_givesEqualAccelerator() {
        Accelerator a = HardwareJson.parseAccelerator(GPU, "gpu.json");
        Accelerator back = HardwareJson.parseAccelerator(Json.write(HardwareJson.toJson(a)), "written");
        assertEquals(a, back);
    }

    @Test
    void sharedReferences_attachedWhenCited() {
        JsonFields f = JsonFields.of(Json.parse(GPU.replace("[DS]", "DS"), "gpu.json"), "gpu.json", "$");
        Accelerator a = HardwareJson.readAccelerator(f, Map.of("DS", "ACME X1 datasheet", "OTHER", "unused"));
        assertEquals(Map.of("DS", "ACME X1 datasheet"), a.references());
    }

    @Test
    void cites_wholeWordsOnly() {
        assertTrue(HardwareJson.cites(List.of("MLE-A table; NVP"), "MLE-A"));
        assertTrue(HardwareJson.cites(List.of("MLE-A table; NVP"), "NVP"));
        assertEquals(false, HardwareJson.cites(List.of("MLE-AB"), "MLE-A"));
        assertEquals(false, HardwareJson.cites(List.of("NVPX"), "NVP"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"memoryBytes\": \"96 GB\"|\"memoryBytes\": -5|$.memoryBytes|must be >= 0",
            "\"memoryBytes\": \"96 GB\"|\"memoryBytes\": 0|$|memoryBytes must be > 0",
            "\"memoryBytes\": \"96 GB\"|\"memoryBytez\": 1|$.memoryBytes|missing required field",
            "\"vendor\": \"ACME\",|\"vendor\": \"ACME\", \"colour\": \"red\",|$.colour|unknown field",
            "\"BF16\": \"800 TFLOP/s\"|\"BF17\": \"800 TFLOP/s\"|$.peakFlopsPerSecond.BF17|not a data type",
            "\"BF16\": \"800 TFLOP/s\"|\"BF16\": \"800 TB/s\"|$.peakFlopsPerSecond.BF16|cannot read '800 TB/s'",
            "\"BF16\": \"800 TFLOP/s\"|\"BF16\": 8e14, \"bf16\": 8e14|$.peakFlopsPerSecond.bf16|repeats",
            "\"latencySeconds\": \"2 us\"|\"latencySeconds\": \"-2 us\"|$.scaleUp.latencySeconds|cannot read",
            "\"id\": \"my-gpu\"|\"id\": \"My GPU\"|$|id must be lower-case",
            "\"memoryBandwidthBytesPerSecond\": \"4 TB/s\"|\"memoryBandwidthBytesPerSecond\": \"4 TB/s\", \"launchYear\": 20.5|$.launchYear|expected an integer",
            "\"memoryBytes\": \"96 GB\"|\"memoryBytes\": 1e30|$.memoryBytes|64-bit",
            "\"peakFlopsPerSecond.FP8\": \"[DS] p. 3\"|\"peakFlopsPerSecond.FP6\": \"[DS] p. 3\"|$|not a figure"})
    void readAccelerator_badInputNamesPathAndProblem(String from, String to, String path, String problem) {
        String json = GPU.replace(from, to);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> HardwareJson.parseAccelerator(json, "gpu.json"));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.problem().contains(problem), e.getMessage());
        assertTrue(e.getMessage().startsWith("gpu.json: "), e.getMessage());
    }

    @Test
    void readCluster_resolvesAcceleratorAndDefaultsLinks() {
        Accelerator gpu = HardwareJson.parseAccelerator(GPU, "gpu.json");
        String json = """
                {"id": "pod", "displayName": "Pod", "accelerator": "x1", "devicesPerNode": 8, "nodeCount": 4,
                 "scaleUpDomainDevices": 8, "sources": {"nodeCount": "made up"}}
                """;
        ClusterSpec c = HardwareJson.readCluster(JsonFields.of(Json.parse(json, "c.json"), "c.json", "$"),
                name -> {
                    if (gpu.isNamed(name)) {
                        return gpu;
                    }
                    throw new IllegalArgumentException("unknown accelerator '" + name + "'");
                });
        assertEquals(32, c.deviceCount());
        assertEquals(gpu.scaleUp().orElseThrow(), c.scaleUp());
        assertEquals(gpu.scaleOut(), c.scaleOut());
        ClusterSpec back = HardwareJson.readCluster(
                JsonFields.of(Json.parse(Json.write(HardwareJson.toJson(c)), "w"), "w", "$"), n -> gpu);
        assertEquals(c, back);
    }

    @Test
    void readCluster_unknownAcceleratorIsErrorAtField() {
        String json = """
                {"id": "pod", "displayName": "Pod", "accelerator": "nope", "devicesPerNode": 8, "nodeCount": 1,
                 "scaleUpDomainDevices": 8}
                """;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HardwareJson.readCluster(
                JsonFields.of(Json.parse(json, "c.json"), "c.json", "$"), name -> {
                    throw new IllegalArgumentException("unknown accelerator '" + name + "'");
                }));
        assertEquals("$.accelerator", e.path());
    }
}
