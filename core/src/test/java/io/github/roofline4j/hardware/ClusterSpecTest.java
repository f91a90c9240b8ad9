package io.github.roofline4j.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ClusterSpecTest {

    private static final Interconnect NVLINK = Interconnect.of("NVLink 5", 900e9);
    private static final Interconnect NIC = Interconnect.of("CX7 400 Gb/s", 50e9);

    @Test
    void nvl72_domainSpansNodes() {
        ClusterSpec c = new ClusterSpec("nvl72", "NVL72", TestAccelerators.a100(), 4, 18, 72, NVLINK,
                Optional.of(NIC), Map.of(), List.of());
        assertEquals(72, c.deviceCount());
        assertEquals(1, c.scaleUpDomainCount());
    }

    @Test
    void domainMustDivideDevices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClusterSpec("x", "X",
                TestAccelerators.a100(), 8, 3, 16, NVLINK, Optional.of(NIC), Map.of(), List.of()));
        assertTrue(e.getMessage().startsWith("scaleUpDomainDevices must divide the 24 devices"), e.getMessage());
    }

    @Test
    void domainMustTileNodes() {
        assertThrows(IllegalArgumentException.class, () -> new ClusterSpec("x", "X", TestAccelerators.a100(), 8, 3, 12,
                NVLINK, Optional.of(NIC), Map.of(), List.of()));
    }

    @Test
    void multiDomainNeedsScaleOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClusterSpec("x", "X",
                TestAccelerators.a100(), 8, 2, 8, NVLINK, Optional.empty(), Map.of(), List.of()));
        assertTrue(e.getMessage().startsWith("scaleOut is required"), e.getMessage());
    }

    @Test
    void of_usesReferencePlatform() {
        ClusterSpec c = ClusterSpec.of(TestAccelerators.a100(), 64);
        assertEquals(8, c.scaleUpDomainDevices());
        assertEquals(8, c.devicesPerNode());
        assertEquals(8, c.nodeCount());
        assertEquals(64 * 25e9, c.clusterScaleOutBytesPerSecond());
    }

    @Test
    void of_smallerThanDomain() {
        ClusterSpec c = ClusterSpec.of(TestAccelerators.a100(), 2);
        assertEquals(2, c.scaleUpDomainDevices());
        assertEquals(1, c.nodeCount());
        assertTrue(c.scaleOut().isEmpty());
    }

    @Test
    void of_rejectsPartialDomain() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterSpec.of(TestAccelerators.a100(), 12));
        assertTrue(e.getMessage().startsWith("deviceCount must be a multiple of the 8-device scale-up domain"),
                e.getMessage());
    }

    @Test
    void of_pcieCardWithoutLinksNeedsHandBuiltCluster() {
        assertThrows(IllegalArgumentException.class, () -> ClusterSpec.of(TestAccelerators.v100(), 1));
    }

    @Test
    void withNodeCount_shrinksDomain() {
        ClusterSpec c = new ClusterSpec("nvl72", "NVL72", TestAccelerators.a100(), 4, 18, 72, NVLINK,
                Optional.of(NIC), Map.of(), List.of());
        ClusterSpec small = c.withNodeCount(2);
        assertEquals(8, small.scaleUpDomainDevices());
        assertEquals(8, small.deviceCount());
    }

    @Test
    void sourcesMustNameClusterFigures() {
        assertThrows(IllegalArgumentException.class, () -> new ClusterSpec("x", "X", TestAccelerators.a100(), 8, 1, 8,
                NVLINK, Optional.empty(), Map.of("memoryBytes", "x"), List.of()));
    }

    /** L40S-like PCIe card: no scale-up link, PCIe Gen4 host link, 8 per OVX server (hardware-specs.md Table N2). */
    private static Accelerator pcieCard(boolean withNodeSize) {
        Accelerator.Builder b = Accelerator.builder("l40s-test", "NVIDIA", "L40S test").memoryBytes(48_000_000_000L)
                .memoryBandwidthBytesPerSecond(864e9).peakFlopsPerSecond(DataType.BF16, 362.05e12)
                .scaleUpDomainDevices(1).hostLink(Interconnect.of("PCIe Gen4 x16", 31.5e9));
        if (withNodeSize) {
            b.devicesPerNode(8);
        }
        return b.build();
    }

    @Test
    void of_pcieCardsOfANodeShareOneDomainOverPcie() {
        // before: eight 1-device domains that needed a scale-out network to talk at all
        ClusterSpec c = ClusterSpec.of(pcieCard(true), 8);
        assertEquals(8, c.scaleUpDomainDevices());
        assertEquals(1, c.scaleUpDomainCount());
        assertEquals(8, c.devicesPerNode());
        assertEquals(31.5e9, c.scaleUp().perDirectionBytesPerSecond());
        assertTrue(c.scaleOut().isEmpty());
        assertEquals(4, ClusterSpec.of(pcieCard(true), 4).scaleUpDomainDevices());
    }

    @Test
    void of_pcieCardWithoutNodeSizeKeepsItsOwnDomain() {
        assertEquals(1, ClusterSpec.of(pcieCard(false), 1).scaleUpDomainDevices());
        assertThrows(IllegalArgumentException.class, () -> ClusterSpec.of(pcieCard(false), 8)); // no scale-out
    }

    @Test
    void withNodeCount_overflowIsAClearError() {
        ClusterSpec c = ClusterSpec.of(TestAccelerators.a100(), 8);
        // before: 8 x 300,000,000 wrapped to a negative device count and a confusing domain error
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.withNodeCount(300_000_000));
        assertEquals("nodeCount must be <= 268435455 (at most 2147483647 devices of 8 per node), was 300000000",
                e.getMessage());
    }
}
