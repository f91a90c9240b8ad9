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
}
