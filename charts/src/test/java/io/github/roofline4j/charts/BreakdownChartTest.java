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
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.hardware.Interconnect;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.InferenceEstimator;
import io.github.roofline4j.inference.OperationRow;
import io.github.roofline4j.inference.ServingPlan;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.training.TrainingEstimate;
import io.github.roofline4j.training.TrainingEstimator;
import io.github.roofline4j.units.Units;

class BreakdownChartTest {

    /** H100 SXM datasheet figures. */
    static final Accelerator H100 = Accelerator.builder("h100-test", "NVIDIA", "H100 test").memoryBytes(80 * Units.GB)
            .memoryBandwidthBytesPerSecond(3.35e12).peakFlopsPerSecond(DataType.BF16, 989.4e12)
            .peakFlopsPerSecond(DataType.FP8_E4M3, 1978.9e12).peakFlopsPerSecond(DataType.FP8_E5M2, 1978.9e12)
            .vectorFlopsPerSecond(DataType.FP32, 66.9e12).computeUnits(132, "SM")
            .scaleUp(Interconnect.of("NVLink 4", 450e9)).scaleUpDomainDevices(8).devicesPerNode(8)
            .scaleOut(Interconnect.of("NDR", 50e9)).build();

    static InferenceEstimate serving() {
        return InferenceEstimator.estimate(Models.get("llama-3.1-8b"), H100, ServingPlan.builder().batch(16).build());
    }

    static TrainingEstimate training() {
        return TrainingEstimator.estimate(Models.get("llama-2-7b"), ClusterSpec.of(H100, 8),
                ParallelPlan.builder().tensorParallel(2).dataParallel(4).globalBatchSize(8).build(), null);
    }

    private static BufferedImage png(Path file) throws Exception {
        return ImageIO.read(file.toFile());
    }

    @Test
    void timeInference_twoBarsByKind(@TempDir Path dir) throws Exception {
        InferenceEstimate e = serving();
        BreakdownChart c = BreakdownChart.time(e);
        assertEquals(2, c.categories().size());
        long kinds = e.operations().stream().map(OperationRow::kind).distinct().count();
        assertEquals(kinds, c.parts().size());
        assertEquals(kinds, (long) c.chart().getSeriesCollection().size());
        c.writePng(dir.resolve("t.png"));
        BufferedImage image = png(dir.resolve("t.png"));
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
    }

    @Test
    void memoryInference_partsAndFree(@TempDir Path dir) throws Exception {
        BreakdownChart c = BreakdownChart.memory(serving());
        assertEquals(List.of("weights", "KV cache", "activations", "free"), c.parts());
        c.write(dir.resolve("m.svg"));
        assertTrue(Files.readString(dir.resolve("m.svg")).contains("<svg"));
    }

    @Test
    void timeAndMemoryTraining_stepParts(@TempDir Path dir) throws Exception {
        TrainingEstimate e = training();
        BreakdownChart time = BreakdownChart.time(e);
        assertTrue(time.parts().contains("forward and backward"), time.parts().toString());
        assertTrue(time.parts().contains("optimizer"), time.parts().toString());
        BreakdownChart memory = BreakdownChart.memory(e);
        assertTrue(memory.parts().containsAll(List.of("weights", "gradients", "optimizer states", "activations")));
        memory.writePng(dir.resolve("m.png"));
        assertEquals(800, png(dir.resolve("m.png")).getWidth());
    }

    @Test
    void write_unknownExtension_rejected(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> BreakdownChart.memory(serving()).write(dir.resolve("m.gif")));
    }

    @Test
    void roofline_ofOperations_pointPerPlottableOperation(@TempDir Path dir) throws Exception {
        InferenceEstimate e = serving();
        RooflineChart c = RooflineChart.ofOperations(H100, List.of(DataType.BF16), e.operations());
        long plottable = e.operations().stream().filter(r -> r.flops() > 0 && r.bytes() > 0).count();
        assertEquals(plottable, c.pointCount());
        // one ceiling and a series per phase
        assertEquals(3, c.chart().getSeriesCollection().size());
        assertTrue(c.chart().getSeries("decode") != null);
        c.write(dir.resolve("r.png"));
        assertEquals(900, png(dir.resolve("r.png")).getWidth());
    }

    @Test
    void point_ofCollective_none() {
        assertTrue(RooflineChart.Point.of(new OperationRow("decode", "layer", "all_reduce", "collective", 1, 0, 0, 1e-5,
                "communication")).isEmpty());
        assertEquals("qkv_proj (memory)", RooflineChart.Point.of(new OperationRow("decode", "layer", "qkv_proj", "matmul",
                32, 1e9, 1e9, 1e-3, "memory")).orElseThrow().name());
    }
}
