package io.github.roofline4j.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.units.Units;

class RooflineChartTest {

    private static final Accelerator GPU = Accelerator.builder("gpu", "V", "GPU").memoryBytes(80 * Units.GB)
            .memoryBandwidthBytesPerSecond(3.35e12).peakFlopsPerSecond(DataType.BF16, 989.4e12)
            .peakFlopsPerSecond(DataType.FP8_E4M3, 1978.9e12).build();

    @Test
    void writePng_validImageWithSeries(@TempDir Path dir) throws Exception {
        RooflineChart chart = RooflineChart.of(GPU, List.of(DataType.BF16, DataType.FP8_E4M3),
                List.of(new RooflineChart.Point("decode GEMV", 1, 3e12), new RooflineChart.Point("prefill GEMM", 800, 700e12)));
        Path png = dir.resolve("roofline.png");
        chart.writePng(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(600, image.getHeight());
        assertEquals(2, chart.ceilingCount());
        assertEquals(2, chart.pointCount());
        assertEquals(3, chart.chart().getSeriesCollection().size());
    }

    @Test
    void writeSvg_hasSvgRoot(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("sub/roofline.svg");
        RooflineChart.of(GPU, List.of(DataType.BF16)).writeSvg(svg);
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
    }

    @Test
    void of_requiresATypeAndValidPoints() {
        assertThrows(IllegalArgumentException.class, () -> RooflineChart.of(GPU, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new RooflineChart.Point("x", 0, 1));
    }

    @Test
    void of_duplicateTypesRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RooflineChart.of(GPU, List.of(DataType.BF16, DataType.BF16)));
        assertEquals("types must not repeat a data type, BF16 appears twice", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RooflineChart.of(null, List.of(DataType.BF16)));
    }

    @Test
    void of_memorySlopeDrawnEvenBelowTheDefaultStart() {
        // ridge 0.01 FLOP/byte: 100 GFLOP/s over 10 TB/s
        Accelerator bandwidthRich = Accelerator.builder("bw", "V", "BW").memoryBytes(1).memoryBandwidthBytesPerSecond(10e12)
                .peakFlopsPerSecond(DataType.BF16, 100e9).build();
        RooflineChart chart = RooflineChart.of(bandwidthRich, List.of(DataType.BF16));
        double[] x = chart.chart().getSeriesCollection().iterator().next().getXData();
        // before: x started at 0.1, past the ridge, so no slope was drawn
        assertTrue(x[0] < x[1], "first x " + x[0] + " is not below the ridge " + x[1]);
        assertEquals(0.001, x[0], 1e-12);
        double[] gpuX = RooflineChart.of(GPU, List.of(DataType.BF16)).chart().getSeriesCollection().iterator().next()
                .getXData();
        assertEquals(0.1, gpuX[0], 1e-12);
    }
}
