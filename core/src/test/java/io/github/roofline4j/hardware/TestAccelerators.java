package io.github.roofline4j.hardware;

import io.github.roofline4j.units.Units;

/** Hand-built accelerators for tests, with figures from hardware-specs.md Table N1/N2. */
final class TestAccelerators {

    private TestAccelerators() {
    }

    /** A100 SXM4 80GB: BF16/FP16 312, TF32 156, INT8 624, no FP8 (CNR, A100 datasheet JUN21). */
    static Accelerator a100() {
        return Accelerator.builder("a100-test", "NVIDIA", "A100 test")
                .memoryBytes(80 * Units.GB)
                .memoryBandwidthBytesPerSecond(2.039e12)
                .peakFlopsPerSecond(DataType.FP64, 19.5e12)
                .peakFlopsPerSecond(DataType.TF32, 156e12)
                .peakFlopsPerSecond(DataType.BF16, 312e12)
                .peakFlopsPerSecond(DataType.FP16, 312e12)
                .peakFlopsPerSecond(DataType.INT8, 624e12)
                .peakFlopsPerSecond(DataType.INT4, 1248e12)
                .vectorFlopsPerSecond(DataType.FP64, 9.7e12)
                .vectorFlopsPerSecond(DataType.FP32, 19.5e12)
                .scaleUp(Interconnect.of("NVLink 3", 300e9))
                .scaleUpDomainDevices(8)
                .devicesPerNode(8)
                .scaleOut(Interconnect.of("HDR 200 Gb/s", 25e9))
                .build();
    }

    /** V100 SXM2: FP16 tensor cores only (125), FP32 vector 15.7, FP64 vector 7.8 (Volta whitepaper Table 1). */
    static Accelerator v100() {
        return Accelerator.builder("v100-test", "NVIDIA", "V100 test")
                .memoryBytes(32 * Units.GB)
                .memoryBandwidthBytesPerSecond(0.9e12)
                .peakFlopsPerSecond(DataType.FP16, 125e12)
                .vectorFlopsPerSecond(DataType.FP32, 15.7e12)
                .vectorFlopsPerSecond(DataType.FP64, 7.8e12)
                .build();
    }
}
