package io.github.roofline4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.hardware.Interconnect;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.InferenceEstimator;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.units.Units;

class ServingSearchTest {

    /** H100 SXM figures (WP104), 8 per NVLink domain. */
    private static final Accelerator H100 = Accelerator.builder("h100-serve-test", "NVIDIA", "H100 test")
            .memoryBytes(80 * Units.GB).memoryBandwidthBytesPerSecond(3.35e12).peakFlopsPerSecond(DataType.BF16, 989.4e12)
            .peakFlopsPerSecond(DataType.FP8_E4M3, 1978.9e12).peakFlopsPerSecond(DataType.INT8, 1978.9e12)
            .vectorFlopsPerSecond(DataType.FP32, 66.9e12).computeUnits(132, "SM").tdpWatts(700)
            .scaleUp(Interconnect.of("NVLink 4", 450e9)).scaleUpDomainDevices(8).devicesPerNode(8).build();

    private static final ClusterSpec NODE = new ClusterSpec("h100-serve-x8", "H100", H100, 8, 1, 8,
            H100.scaleUp().orElseThrow(), Optional.empty(), Map.of(), List.of());

    @Test
    void run_everyCandidateMeetsTheTargets_andIsTheLargestBatchThatDoes() {
        TransformerSpec spec = Models.get("llama-3.1-70b");
        ServingSearch.Targets t = new ServingSearch.Targets(2048, 256, 2.0, 0.05, 8, 1024, null);
        ServingSearchResult r = ServingSearch.run(spec, NODE, t, 5);
        assertFalse(r.best().isEmpty());
        for (ServingCandidate c : r.best()) {
            InferenceEstimate e = c.estimate();
            assertTrue(e.fits());
            assertTrue(e.prefillSeconds() <= 2.0 && e.decodeSecondsPerToken() <= 0.05, c.toString());
            // one more sequence breaks a target or the memory
            InferenceEstimate more = InferenceEstimator.estimate(spec, NODE, c.plan().toBuilder().batch(c.plan().batch() + 1)
                    .build(), EfficiencyDefaults.forAccelerator(H100));
            assertTrue(!more.fits() || more.prefillSeconds() > 2.0 || more.decodeSecondsPerToken() > 0.05
                    || c.plan().batch() == 1024, c.toString());
        }
        for (int i = 1; i < r.best().size(); i++) {
            assertTrue(r.best().get(i - 1).tokensPerSecondPerDevice() >= r.best().get(i).tokensPerSecondPerDevice());
        }
        assertEquals(List.of(1, 2, 4, 8).subList(4 - r.bestPerDeviceCount().size(), 4),
                r.bestPerDeviceCount().stream().map(c -> c.plan().deviceCount()).toList(),
                "every device count that can hold the model has its best");
    }

    @Test
    void run_impossibleTargets_empty() {
        ServingSearchResult r = ServingSearch.run(Models.get("llama-3.1-8b"), NODE,
                new ServingSearch.Targets(1024, 128, 1e-6, 0, 8, 64, null), 3);
        assertTrue(r.best().isEmpty());
        assertTrue(r.evaluated() > 0);
    }

    @Test
    void targets_badValues_named() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ServingSearch.Targets(0, 1, 0, 0, 1, 1, null))
                .getMessage().contains("promptTokens"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ServingSearch.Targets(1, 1, -1, 0, 1, 1, null))
                .getMessage().contains("maxTimeToFirstTokenSeconds"));
    }
}
