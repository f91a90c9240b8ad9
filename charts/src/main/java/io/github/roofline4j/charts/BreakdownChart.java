package io.github.roofline4j.charts;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.OperationRow;
import io.github.roofline4j.training.MemoryParts;
import io.github.roofline4j.training.TrainingEstimate;

/**
 * A stacked bar chart of where an estimate's time or memory goes: the time of the prefill and of
 * one decode step by operation kind, the parts of a training step, or the memory of a device by
 * part with what is left free.
 *
 * <pre>{@code
 * BreakdownChart.time(estimate).writePng(Path.of("time.png"));
 * BreakdownChart.memory(estimate).writeSvg(Path.of("memory.svg"));
 * }</pre>
 *
 * <p>Headless. Not modified by its own methods once built; {@link #chart()} hands out the live
 * XChart object.
 */
public final class BreakdownChart extends Figure<CategoryChart> {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;
    private static final double MILLISECONDS = 1e3;
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final List<String> categories;
    private final List<String> parts;

    private BreakdownChart(CategoryChart chart, List<String> categories, List<String> parts) {
        super(chart);
        this.categories = List.copyOf(categories);
        this.parts = List.copyOf(parts);
    }

    /**
     * The time of the prefill (the whole batch) and of one decode step, stacked by operation kind.
     *
     * @param e the estimate
     * @return the chart, in milliseconds
     */
    public static BreakdownChart time(InferenceEstimate e) {
        Map<String, double[]> byKind = new LinkedHashMap<>();
        for (OperationRow row : e.operations()) {
            int bar = row.phase().equals("prefill") ? 0 : 1;
            byKind.computeIfAbsent(row.kind(), k -> new double[2])[bar] += row.seconds() * MILLISECONDS;
        }
        return build(e.model() + " on " + e.devices() + " x " + e.accelerator() + ": time by operation kind",
                "time (ms)", List.of("prefill (time to first token)", "one decode step"), byKind);
    }

    /**
     * The parts of a training step: the passes through the pipeline, the bubble, data-parallel
     * communication not hidden, the optimizer and offload.
     *
     * @param e the estimate
     * @return the chart, in seconds
     */
    public static BreakdownChart time(TrainingEstimate e) {
        Map<String, double[]> parts = new LinkedHashMap<>();
        parts.put("forward and backward", new double[] {e.pipelineSeconds() - e.bubbleSeconds()});
        parts.put("pipeline bubble", new double[] {e.bubbleSeconds()});
        parts.put("data-parallel communication", new double[] {e.dataParallelSeconds()});
        parts.put("optimizer", new double[] {e.optimizerSeconds()});
        parts.put("offload", new double[] {e.offloadSeconds()});
        return build(e.model() + " on " + e.devices() + " x " + e.accelerator() + ": one training step", "time (s)",
                List.of(e.plan().length() > 60 ? "step" : e.plan()), parts);
    }

    /**
     * The memory of the most loaded device by part, and what is left of the available memory.
     *
     * @param e the estimate
     * @return the chart, in GiB
     */
    public static BreakdownChart memory(InferenceEstimate e) {
        Map<String, double[]> parts = new LinkedHashMap<>();
        parts.put("weights", new double[] {e.weightBytes() / GIB});
        parts.put("KV cache", new double[] {e.kvCacheBytes() / GIB});
        parts.put("activations", new double[] {e.activationBytes() / GIB});
        parts.put("free", new double[] {Math.max(0, e.availableMemoryBytes() - e.totalMemoryBytes()) / GIB});
        return build(e.model() + " on " + e.accelerator() + ": memory per device", "GiB",
                List.of("batch " + e.batch() + ", " + (e.promptTokens() + e.outputTokens()) + " tokens"), parts);
    }

    /**
     * The memory of the most loaded device in training by part, and what is left free.
     *
     * @param e the estimate
     * @return the chart, in GiB
     */
    public static BreakdownChart memory(TrainingEstimate e) {
        MemoryParts m = e.memoryPerGpuBytes();
        Map<String, double[]> parts = new LinkedHashMap<>();
        parts.put("weights", new double[] {m.weights() / GIB});
        parts.put("gradients", new double[] {m.gradients() / GIB});
        parts.put("optimizer states", new double[] {m.optimizer() / GIB});
        parts.put("activations", new double[] {m.activations() / GIB});
        parts.put("buffers", new double[] {m.buffers() / GIB});
        parts.put("free", new double[] {Math.max(0, m.available() - m.total()) / GIB});
        return build(e.model() + " on " + e.accelerator() + ": training memory per device", "GiB", List.of("per device"),
                parts);
    }

    private static BreakdownChart build(String title, String axis, List<String> categories, Map<String, double[]> parts) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(axis).build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, double[]> p : parts.entrySet()) {
            List<Double> values = new ArrayList<>();
            double sum = 0;
            for (double v : p.getValue()) {
                values.add(v);
                sum += v;
            }
            if (sum > 0) {
                chart.addSeries(p.getKey(), categories, values);
                names.add(p.getKey());
            }
        }
        return new BreakdownChart(chart, categories, names);
    }

    /**
     * Returns the bars.
     *
     * @return the category of each bar
     */
    public List<String> categories() {
        return categories;
    }

    /**
     * Returns the stacked parts drawn (parts that are zero in every bar are left out).
     *
     * @return the part names, bottom to top
     */
    public List<String> parts() {
        return parts;
    }
}
