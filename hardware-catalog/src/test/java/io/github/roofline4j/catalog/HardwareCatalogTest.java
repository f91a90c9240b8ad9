package io.github.roofline4j.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.hardware.HardwareJson;
import io.github.roofline4j.hardware.UnsupportedDataTypeException;
import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.UnknownNameException;
import io.github.roofline4j.units.Units;

class HardwareCatalogTest {

    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();
    private static final double EXACT = 1e-9;

    static Stream<Accelerator> accelerators() {
        return CATALOG.list().stream();
    }

    @Test
    void builtIn_hasTheRequiredAccelerators() {
        List<String> required = List.of("v100-sxm2-32gb", "a100-sxm-40gb", "a100-sxm-80gb", "a100-pcie-80gb", "a10",
                "a10g", "l4", "l40s", "h100-sxm", "h100-pcie", "h100-nvl", "h200-sxm", "h800", "h20", "b200", "gb200",
                "b300", "gb300", "rtx-4090", "mi250x", "mi300x", "mi325x", "mi355x", "tpu-v4", "tpu-v5e", "tpu-v5p",
                "tpu-v6e", "tpu7x", "gaudi2", "gaudi3", "trainium1", "trainium2");
        for (String id : required) {
            assertTrue(CATALOG.find(id).isPresent(), id);
        }
        assertTrue(CATALOG.list().size() >= 30);
        assertEquals(List.of("AMD", "AWS", "Google", "Intel", "NVIDIA"), CATALOG.vendors());
    }

    @Test
    void builtIn_isLoadedOnce() {
        assertSame(HardwareCatalog.builtIn(), HardwareCatalog.builtIn());
    }

    /** Datasheet figures, dense; sources in ../shared/reference/hardware-specs.md tables N1, N2, A1, A2, 4, 5, 6. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            // H100 SXM: WP104 Tables 1 and 3 (989.4 BF16, 1978.9 FP8, 3.35 TB/s, 80 GB)
            "h100-sxm, BF16, 989.4e12, 3.35e12, 80e9",
            "h100-sxm, FP8_E4M3, 1978.9e12, 3.35e12, 80e9",
            // A100 SXM4 80GB: A100 datasheet JUN21 (312 BF16, 2,039 GB/s)
            "a100-sxm-80gb, BF16, 312e12, 2.039e12, 80e9",
            // A100 SXM4 40GB: 1,555 GB/s
            "a100-sxm-40gb, BF16, 312e12, 1.555e12, 40e9",
            // H200: 141 GB at 4.8 TB/s, same tensor peaks as H100
            "h200-sxm, BF16, 989e12, 4.8e12, 141e9",
            // B200 HGX: 2.25 PF BF16 dense, 180 GB usable, 8.0 TB/s (section 10.6)
            "b200, BF16, 2250e12, 8e12, 180e9",
            "b200, NVFP4, 9000e12, 8e12, 180e9",
            // GB200: 10 PF FP4 dense (section 10.8), 186 GB (section 10.7)
            "gb200, NVFP4, 10000e12, 8e12, 186e9",
            // MI300X: AMD page footnote MI300-17, 1307.4 BF16 dense, 192 GB, 5.3 TB/s
            "mi300x, BF16, 1307.4e12, 5.3e12, 192e9",
            "mi300x, FP8_E4M3, 2614.9e12, 5.3e12, 192e9",
            // MI355X: MXFP4 10.1 PF dense (section 10.20)
            "mi355x, MXFP4, 10100e12, 8e12, 288e9",
            // L4: 121 BF16 dense, 300 GB/s, 24 GB
            "l4, BF16, 121e12, 300e9, 24e9",
            // Gaudi 2: 432 BF16, 865 FP8, 96 GB, 2.46 TB/s
            "gaudi2, FP8_E4M3, 865e12, 2.46e12, 96e9"})
    void builtIn_datasheetFigures(String id, DataType type, double flops, double bandwidth, double memory) {
        Accelerator a = CATALOG.get(id);
        assertEquals(flops, a.peakFlopsPerSecond().get(type), flops * EXACT, id + " " + type);
        assertEquals(bandwidth, a.memoryBandwidthBytesPerSecond(), bandwidth * EXACT, id);
        assertEquals(memory, a.memoryBytes(), memory * EXACT, id);
    }

    @Test
    void builtIn_binaryCapacitiesStayBinary() {
        // Google states TPU v5p HBM as 95 GiB and v4 as 32 GiB (GCP docs; hardware-specs.md section 4)
        assertEquals(95 * Units.GIB, CATALOG.get("tpu-v5p").memoryBytes());
        assertEquals(32 * Units.GIB, CATALOG.get("tpu-v4").memoryBytes());
    }

    @Test
    void builtIn_linksArePerDirection() {
        // NVLink 4: 900 GB/s quoted bidirectional, 450 per direction (section 7.1)
        assertEquals(450e9, CATALOG.get("h100-sxm").scaleUp().orElseThrow().perDirectionBytesPerSecond(), 1);
        // 400 Gb/s NDR per GPU = 50 GB/s
        assertEquals(50e9, CATALOG.get("h100-sxm").scaleOut().orElseThrow().perDirectionBytesPerSecond(), 1);
        assertEquals(900e9, CATALOG.get("b200").scaleUp().orElseThrow().perDirectionBytesPerSecond(), 1);
        assertEquals(200e9, CATALOG.get("h800").scaleUp().orElseThrow().perDirectionBytesPerSecond(), 1);
    }

    @Test
    void builtIn_fp8OnA100RunsAsBf16() {
        Accelerator a100 = CATALOG.get("a100");
        assertFalse(a100.supportsNatively(DataType.FP8_E4M3));
        assertEquals(DataType.BF16, a100.computePath(DataType.FP8_E4M3).executedAs());
        assertEquals(312e12, a100.peakFlopsPerSecond(DataType.FP8_E4M3), 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accelerators")
    void everyAccelerator_peaksAreOrdered(Accelerator a) {
        var p = a.peakFlopsPerSecond();
        ordered(a, p.get(DataType.FP8_E4M3), p.get(DataType.BF16), "FP8 >= BF16");
        ordered(a, p.get(DataType.BF16), p.get(DataType.TF32), "BF16 >= TF32");
        ordered(a, p.get(DataType.BF16), p.get(DataType.FP32), "BF16 >= FP32 matrix");
        ordered(a, p.get(DataType.BF16), a.vectorFlopsPerSecond().get(DataType.FP32), "BF16 >= FP32 vector");
        ordered(a, p.get(DataType.FP8_E4M3), p.get(DataType.FP8_E5M2), "E4M3 == E5M2");
        ordered(a, p.get(DataType.FP8_E5M2), p.get(DataType.FP8_E4M3), "E4M3 == E5M2");
        ordered(a, p.get(DataType.NVFP4), p.get(DataType.FP8_E4M3), "NVFP4 >= FP8");
        ordered(a, p.get(DataType.MXFP4), p.get(DataType.FP8_E4M3), "MXFP4 >= FP8");
        ordered(a, a.vectorFlopsPerSecond().get(DataType.FP32), a.vectorFlopsPerSecond().get(DataType.FP64), "FP32 >= FP64 vector");
    }

    private static void ordered(Accelerator a, Double high, Double low, String rule) {
        if (high != null && low != null) {
            assertTrue(high >= low, a.id() + ": " + rule + " failed, " + high + " < " + low);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accelerators")
    void everyAccelerator_everyFigureSourcedAndReferenced(Accelerator a) {
        assertEquals(a.figureKeys(), a.sources().keySet(), a.id());
        assertFalse(a.references().isEmpty(), a.id());
        for (String citation : a.sources().values()) {
            assertTrue(a.references().keySet().stream().anyMatch(k -> HardwareJson.cites(List.of(citation), k)),
                    a.id() + ": '" + citation + "' cites no reference");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accelerators")
    void everyAccelerator_jsonRoundTrip(Accelerator a) {
        assertEquals(a, HardwareJson.parseAccelerator(Json.write(HardwareJson.toJson(a)), a.id()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accelerators")
    void everyAccelerator_ridgePointsArePlausible(Accelerator a) {
        // every accelerator in the catalog is compute-rich: BF16 (or its fallback) over bandwidth is 10..2000 FLOP/byte
        double ridge = a.peakFlopsPerSecond(DataType.BF16) / a.memoryBandwidthBytesPerSecond();
        assertTrue(ridge > 10 && ridge < 2000, a.id() + " ridge " + ridge);
    }

    @ParameterizedTest
    @CsvSource({"H100, h100-sxm", "h100-sxm5-80gb, h100-sxm", "H100 SXM, h100-sxm", "A100, a100-sxm-80gb",
            "ironwood, tpu7x", "Trillium, tpu-v6e", "trn2, trainium2", "MI300X, mi300x"})
    void get_idsAndAliasesIgnoringCase(String name, String id) {
        assertEquals(id, CATALOG.get(name).id());
    }

    @Test
    void get_unknownSuggestsClosest() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> CATALOG.get("h10"));
        assertTrue(e.suggestions().contains("h100-sxm"), e.getMessage());
        assertTrue(e.getMessage().startsWith("unknown accelerator 'h10'; closest ids: "), e.getMessage());
    }

    @Test
    void list_byVendor() {
        assertTrue(CATALOG.list("google").stream().allMatch(a -> a.vendor().equals("Google")));
        assertEquals(5, CATALOG.list("Google").size());
        assertTrue(CATALOG.list("nobody").isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"dgx-a100, 8, 8", "dgx-h100, 8, 8", "hgx-h200, 8, 8", "gb200-nvl72, 72, 72", "mi300x-platform, 8, 8"})
    void clusters_presets(String id, int devices, int domain) {
        ClusterSpec c = CATALOG.cluster(id);
        assertEquals(devices, c.deviceCount());
        assertEquals(domain, c.scaleUpDomainDevices());
    }

    @Test
    void clusters_tpuPodSliceAndUnknown() {
        assertTrue(CATALOG.clusters().stream().anyMatch(c -> c.accelerator().id().equals("tpu-v5p")));
        assertThrows(UnknownNameException.class, () -> CATALOG.cluster("dgx-h1000"));
    }

    @Test
    void withAccelerators_addsUserAcceleratorWithoutSources() {
        HardwareCatalog c = CATALOG.withAccelerators("""
                {"id": "my-gpu", "vendor": "ACME", "displayName": "ACME X1", "memoryBytes": "96 GB",
                 "memoryBandwidthBytesPerSecond": "4 TB/s", "peakFlopsPerSecond": {"BF16": "800 TFLOP/s"}}
                """, "my-gpu.json");
        assertEquals(800e12, c.get("MY-GPU").peakFlopsPerSecond(DataType.FP8_E4M3));
        assertEquals(CATALOG.list().size() + 1, c.list().size());
    }

    @Test
    void withAccelerators_duplicateIdRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CATALOG.withAccelerators("""
                {"id": "my-gpu", "aliases": ["h100"], "vendor": "ACME", "displayName": "X", "memoryBytes": 1,
                 "memoryBandwidthBytesPerSecond": 1, "peakFlopsPerSecond": {"BF16": 1}}
                """, "dup.json"));
        assertEquals("$.aliases", e.path());
        assertTrue(e.problem().contains("already used by accelerator h100-sxm"), e.getMessage());
    }

    @Test
    void resolve_readsFileOrId(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x1.json");
        Files.writeString(file, """
                {"id": "x1", "vendor": "ACME", "displayName": "X1", "memoryBytes": "1 GB",
                 "memoryBandwidthBytesPerSecond": "1 TB/s", "peakFlopsPerSecond": {"FP16": "100 TFLOP/s"}}
                """);
        assertEquals("x1", CATALOG.resolve(file.toString()).id());
        assertEquals("h100-sxm", CATALOG.resolve("h100").id());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CATALOG.resolve(dir.resolve("missing.json").toString()));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    // ---- the catalog rule, on small vendor files ----

    private static final String GOOD = """
            {"references": {"DS": "ACME X1 datasheet, https://example.com/x1.pdf"},
             "accelerators": [
              {"id": "x1", "vendor": "ACME", "displayName": "ACME X1", "memoryBytes": "96 GB",
               "memoryBandwidthBytesPerSecond": "4 TB/s", "peakFlopsPerSecond": {"BF16": "800 TFLOP/s"},
               "sources": {"memoryBytes": "DS p. 1", "memoryBandwidthBytesPerSecond": "DS p. 1",
                           "peakFlopsPerSecond.BF16": "DS p. 2"}}]}
            """;

    private static HardwareCatalog strict(String acceleratorFile) {
        return HardwareCatalog.load(Map.of("acme.json", acceleratorFile), Map.of());
    }

    @Test
    void strict_goodFileLoads() {
        Accelerator x1 = strict(GOOD).get("x1");
        assertEquals(Map.of("DS", "ACME X1 datasheet, https://example.com/x1.pdf"), x1.references());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "\"memoryBytes\": \"96 GB\"|\"memoryBytes\": \"96 GB\", \"colour\": \"red\"|$.accelerators[0].colour|unknown field",
            "\"memoryBytes\": \"96 GB\",|\"memoryBytes\": null,|$.accelerators[0].memoryBytes|missing required field",
            "\"memoryBandwidthBytesPerSecond\": \"4 TB/s\"|\"memoryBandwidthBytesPerSecond\": -4e12|$.accelerators[0].memoryBandwidthBytesPerSecond|must be >= 0",
            "\"memoryBandwidthBytesPerSecond\": \"4 TB/s\"|\"memoryBandwidthBytesPerSecond\": 1e999|$.accelerators[0].memoryBandwidthBytesPerSecond|finite",
            "\"peakFlopsPerSecond.BF16\": \"DS p. 2\"|\"peakFlopsPerSecond.BF16\": \"p. 2\"|$.accelerators[0].sources[\"peakFlopsPerSecond.BF16\"]|names none of the file's references",
            "\"peakFlopsPerSecond.BF16\": \"DS p. 2\"}|\"peakFlopsPerSecond.BF16\": \"DS p. 2\"}, \"tdpWatts\": 700|$.accelerators[0].sources|has no source",
            "\"DS\": \"ACME X1 datasheet, https://example.com/x1.pdf\"|\"DS\": \"ACME X1\", \"UNUSED\": \"x\"|$.references.UNUSED|never cited"})
    void strict_badInputNamesFilePathAndProblem(String from, String to, String path, String problem) {
        String json = GOOD.replace(from, to);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> strict(json));
        assertEquals("acme.json", e.source());
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.problem().contains(problem), e.getMessage());
    }

    @Test
    void strict_duplicateIdAcrossFilesRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> HardwareCatalog.load(Map.of("a.json", GOOD, "b.json", GOOD), Map.of()));
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }

    @Test
    void strict_clusterWithUnknownAccelerator() {
        String clusters = """
                {"references": {"DS": "datasheet"},
                 "clusters": [{"id": "pod", "displayName": "Pod", "accelerator": "x2", "devicesPerNode": 8,
                   "nodeCount": 1, "scaleUpDomainDevices": 8, "scaleUp": {"name": "l", "perDirectionBytesPerSecond": 1},
                   "sources": {"nodeCount": "DS"}}]}
                """;
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> HardwareCatalog.load(Map.of("acme.json", GOOD), Map.of("clusters.json", clusters)));
        assertEquals("$.clusters[0].accelerator", e.path());
        assertTrue(e.problem().contains("closest ids: x1"), e.getMessage());
    }

    // ---- review fixes: links, PCIe domains, FP64 vector paths, names ----

    @Test
    void mi250x_scaleUpIsPerGcd() {
        // MLE-N: 7 peer links per GCD at 50 GB/s per direction, an 8-GCD all-to-all domain
        Accelerator gcd = CATALOG.get("mi250x-gcd");
        assertEquals(350e9, gcd.scaleUp().orElseThrow().perDirectionBytesPerSecond(), 1);
        assertEquals(8, gcd.scaleUpDomainDevices().getAsInt());
        Accelerator pkg = CATALOG.get("mi250x");
        assertTrue(pkg.scaleUp().isEmpty(), "the package has no GCD-level link");
        assertTrue(pkg.scaleUpDomainDevices().isEmpty());
        assertFalse(pkg.sources().containsKey("scaleUp"));
    }

    @ParameterizedTest
    @CsvSource({"gb200", "gb300"})
    void graceBlackwell_hostLinkIsOneGpusShareOfNvlinkC2c(String id) {
        // NVLink-C2C: 900 GB/s bidirectional per superchip of two GPUs = 225 GB/s per direction per GPU
        Accelerator a = CATALOG.get(id);
        assertEquals(225e9, a.hostLink().orElseThrow().perDirectionBytesPerSecond(), 1);
        assertTrue(a.sources().get("hostLink").startsWith("derived"), a.sources().get("hostLink"));
    }

    @Test
    void l40s_eightCardsAreOneDomainOverPcie() {
        ClusterSpec c = ClusterSpec.of(CATALOG.get("l40s"), 8);
        assertEquals(8, c.scaleUpDomainDevices());
        assertEquals(1, c.nodeCount());
        assertEquals(8, c.devicesPerNode());
        assertEquals(31.5e9, c.scaleUp().perDirectionBytesPerSecond(), 1);
        assertTrue(c.scaleUp().name().contains("PCIe"), c.scaleUp().name());
        assertTrue(c.scaleOut().isEmpty());
        ClusterSpec a10g = ClusterSpec.of(CATALOG.get("a10g"), 8);
        assertEquals(8, a10g.scaleUpDomainDevices());
        assertEquals(8, CATALOG.get("a10g").devicesPerNode().getAsInt());
    }

    @Test
    void h800_fp32HasNoRateRatherThanTheFp64VectorRate() {
        Accelerator h800 = CATALOG.get("h800");
        // before: FP32 ran "as FP64 on the vector units" at about 1 TFLOP/s
        assertThrows(UnsupportedDataTypeException.class, () -> h800.computePath(DataType.FP32));
        assertEquals(1e12, h800.peakFlopsPerSecond(DataType.FP64), 1);
    }

    @Test
    void everyAccelerator_noNarrowTypeRunsOnFp64VectorUnits() {
        for (Accelerator a : CATALOG.list()) {
            for (DataType t : DataType.values()) {
                if (t == DataType.FP64) {
                    continue;
                }
                try {
                    var p = a.computePath(t);
                    assertFalse(!p.matrixUnits() && p.executedAs() == DataType.FP64, a.id() + " " + t + ": " + p);
                } catch (UnsupportedDataTypeException e) {
                    // fine: no rate
                }
            }
        }
    }

    @Test
    void names_nullOrBlankRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CATALOG.get(""));
        assertEquals("accelerator id must not be blank, was ''", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CATALOG.get(null));
        assertEquals("accelerator id must not be blank, was null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CATALOG.cluster(null));
        assertEquals("cluster id must not be blank, was null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CATALOG.list(null));
        assertEquals("vendor must not be null", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CATALOG.resolve(" "));
    }

    @Test
    void resolve_fileWithSeveralAcceleratorsSaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("two.json");
        Files.writeString(file, """
                {"accelerators": [
                  {"id": "x1", "vendor": "ACME", "displayName": "X1", "memoryBytes": "1 GB",
                   "memoryBandwidthBytesPerSecond": "1 TB/s", "peakFlopsPerSecond": {"FP16": "100 TFLOP/s"}},
                  {"id": "x2", "vendor": "ACME", "displayName": "X2", "memoryBytes": "1 GB",
                   "memoryBandwidthBytesPerSecond": "1 TB/s", "peakFlopsPerSecond": {"FP16": "100 TFLOP/s"}}]}
                """);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CATALOG.resolve(file.toString()));
        assertTrue(e.problem().startsWith("expected one accelerator, found 2 (x1, x2)"), e.getMessage());
        assertFalse(e.problem().contains("after loading"), e.getMessage());
    }
}
