package io.github.roofline4j.charts;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import io.github.roofline4j.support.Checks;

/**
 * A bar chart comparing one figure across accelerators or plans: decode tokens per second per
 * accelerator, step time per parallel plan, dollars per million tokens per accelerator.
 *
 * <pre>{@code
 * ComparisonChart.of("Llama 3.1 8B, batch 32", "tokens/s", estimates,
 *         InferenceEstimate::accelerator, InferenceEstimate::decodeTokensPerSecond).writePng(Path.of("cmp.png"));
 * }</pre>
 *
 * <p>Headless. Not modified by its own methods once built; {@link #chart()} hands out the live
 * XChart object.
 */
public final class ComparisonChart extends Figure<CategoryChart> {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private final List<String> labels;

    private ComparisonChart(CategoryChart chart, List<String> labels) {
        super(chart);
        this.labels = List.copyOf(labels);
    }

    /**
     * Compares a figure of several items.
     *
     * @param <T> the items' type, such as an estimate
     * @param title the chart's title
     * @param valueAxis the figure and its unit, such as {@code "tokens/s"}
     * @param items the items, one bar each, in order, at least one
     * @param label the bar label of an item; labels must differ
     * @param value the figure of an item, finite and &ge; 0
     * @return the chart
     * @throws IllegalArgumentException if there is no item, a label repeats or a value is negative or not finite
     */
    public static <T> ComparisonChart of(String title, String valueAxis, List<T> items, Function<T, String> label,
            ToDoubleFunction<T> value) {
        Checks.notBlank("title", title);
        Checks.notBlank("valueAxis", valueAxis);
        Checks.notNull("items", items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("items must hold at least one item to compare");
        }
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            String l = label.apply(item);
            Checks.notBlank("label", l);
            if (!seen.add(l)) {
                throw new IllegalArgumentException("labels must differ, '" + l + "' appears twice");
            }
            labels.add(l);
            values.add(Checks.nonNegative("value of " + l, value.applyAsDouble(item)));
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(valueAxis)
                .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(labels.size() > 4 ? 30 : 0);
        chart.addSeries(valueAxis, labels, values);
        return new ComparisonChart(chart, labels);
    }

    /**
     * Returns the bar labels.
     *
     * @return the labels, in order
     */
    public List<String> labels() {
        return labels;
    }
}
