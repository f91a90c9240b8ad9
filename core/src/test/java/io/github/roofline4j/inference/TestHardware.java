package io.github.roofline4j.inference;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.hardware.Interconnect;
import io.github.roofline4j.units.Units;

/** Hand-built accelerators for tests, figures from hardware-specs.md Tables N1 and N2. */
final class TestHardware {

    private TestHardware() {
    }

    /** H100 SXM: 989.4 BF16, 1978.9 FP8, 3.35 TB/s, 80 GB, 132 SMs, NVLink 4 450 GB/s, NDR 400 Gb/s (WP104). */
    static Accelerator h100() {
        return Accelerator.builder("h100-test", "NVIDIA", "H100 test").memoryBytes(80 * Units.GB)
                .memoryBandwidthBytesPerSecond(3.35e12).peakFlopsPerSecond(DataType.BF16, 989.4e12)
                .peakFlopsPerSecond(DataType.FP16, 989.4e12).peakFlopsPerSecond(DataType.FP8_E4M3, 1978.9e12)
                .peakFlopsPerSecond(DataType.FP8_E5M2, 1978.9e12).peakFlopsPerSecond(DataType.INT8, 1978.9e12)
                .vectorFlopsPerSecond(DataType.FP32, 66.9e12).computeUnits(132, "SM")
                .scaleUp(Interconnect.of("NVLink 4", 450e9)).scaleUpDomainDevices(8).devicesPerNode(8)
                .scaleOut(Interconnect.of("NDR", 50e9)).build();
    }
}
