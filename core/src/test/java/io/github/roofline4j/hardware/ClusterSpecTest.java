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
}
