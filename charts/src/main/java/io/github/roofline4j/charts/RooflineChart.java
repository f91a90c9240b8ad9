package io.github.roofline4j.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.inference.OperationRow;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.roofline.Roofline;
import io.github.roofline4j.support.Checks;

/**
 * A log-log roofline plot of an accelerator: one ceiling per data type (the bandwidth slope up to
 * the ridge point, then the flat compute roof; Williams et al. 2009), and optionally operations
 * as labelled points at their arithmetic intensity and achieved rate.
 *
 * <p>Written as PNG or SVG without a display (the JVM runs headless). Axes are in FLOP/byte and
 * TFLOP/s. The intensity axis starts at 0.1 FLOP/byte, or lower (a power of ten at most a tenth
 * of the lowest ridge point or point) so that every ceiling shows its bandwidth slope.
 *
 * <pre>{@code
 * RooflineChart.of(HardwareCatalog.builtIn().get("h100"), List.of(DataType.BF16, DataType.FP8_E4M3))
 *         .writePng(Path.of("h100-roofline.png"));
 * }</pre>
 *
 * <p>Not modified by its own methods once built, but {@link #chart()} hands out the live XChart
 * object: changes made to it show in later writes. Writing from several threads is safe only
 * while nobody changes that object.
 */
public final class RooflineChart extends Figure<XYChart> {

    /**
     * A point on the chart: an operation at its intensity and achieved rate.
     *
     * @param name the label
     * @param flopsPerByte arithmetic intensity, FLOP per byte of device memory, &gt; 0
     * @param flopsPerSecond the achieved rate, &gt; 0
     */
    public record Point(String name, double flopsPerByte, double flopsPerSecond) {

        /**
         * The point of an operation of an estimate's table, labelled by name and bound:
         * intensity = FLOPs / bytes, rate = FLOPs / seconds over all its occurrences. Operations
         * without FLOPs or without memory traffic (collectives, embedding lookups) have no place on
         * a roofline and give none.
         *
         * @param row the operation
         * @return the point, or empty
         */
        public static Optional<Point> of(OperationRow row) {
            if (!(row.flops() > 0 && row.bytes() > 0 && row.seconds() > 0)) {
                return Optional.empty();
            }
            return Optional.of(new Point(row.name() + " (" + row.bound() + ")", row.flops() / row.bytes(),
                    row.flops() / row.seconds()));
        }

        /**
         * Validates the point.
         *
         * @throws IllegalArgumentException if the name is blank or a value not positive
         */
        public Point {
            Checks.notBlank("name", name);
            Checks.positive("flopsPerByte", flopsPerByte);
            Checks.positive("flopsPerSecond", flopsPerSecond);
        }
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;
    private static final double MIN_INTENSITY = 0.1;

    private final int ceilingCount;
    private final int pointCount;

    private RooflineChart(XYChart chart, int ceilingCount, int pointCount) {
        super(chart);
        this.ceilingCount = ceilingCount;
        this.pointCount = pointCount;
    }

    /**
     * Plots the ceilings of an accelerator.
     *
     * @param accelerator the accelerator
     * @param types the data types whose ceilings to draw, at least one
     * @return the chart
     * @throws IllegalArgumentException if no type is given, a type repeats, an argument is null
     *         or the accelerator has no rate for a type
     */
    public static RooflineChart of(Accelerator accelerator, List<DataType> types) {
        return of(accelerator, types, List.of());
    }

    /**
     * Plots the ceilings of an accelerator and operations as points.
     *
     * @param accelerator the accelerator
     * @param types the data types whose ceilings to draw, at least one
     * @param points operations to mark
     * @return the chart
     * @throws IllegalArgumentException if no type is given, a type repeats (two ceilings would
     *         share one legend entry), an argument is null or the accelerator has no rate for a type
     */
    public static RooflineChart of(Accelerator accelerator, List<DataType> types, List<Point> points) {
        Checks.notNull("points", points);
        return of(accelerator, types, points.isEmpty() ? Map.of() : Map.of("operations", points));
    }

    /**
     * Plots the ceilings of an accelerator and the operations of an estimate's table, one series
     * per phase ({@code prefill} and {@code decode}, or {@code forward} and {@code backward}),
     * each point labelled by the operation's name and bound (see {@link Point#of(OperationRow)}).
     *
     * @param accelerator the accelerator the estimate ran on
     * @param types the data types whose ceilings to draw, at least one
     * @param operations the estimate's operations
     * @return the chart
     * @throws IllegalArgumentException as {@link #of(Accelerator, List, List)}
     */
    public static RooflineChart ofOperations(Accelerator accelerator, List<DataType> types, List<OperationRow> operations) {
        Checks.notNull("operations", operations);
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (OperationRow row : operations) {
            Point.of(row).ifPresent(p -> series.computeIfAbsent(row.phase(), k -> new ArrayList<>()).add(p));
        }
        return of(accelerator, types, series);
    }

    /**
     * Plots the ceilings of an accelerator and named series of points.
     *
     * @param accelerator the accelerator
     * @param types the data types whose ceilings to draw, at least one
     * @param series the points by series name, in legend order
     * @return the chart
     * @throws IllegalArgumentException if no type is given, a type repeats, an argument is null
     *         or the accelerator has no rate for a type
     */
    public static RooflineChart of(Accelerator accelerator, List<DataType> types, Map<String, List<Point>> series) {
        Checks.notNull("series", series);
        List<Point> points = new ArrayList<>();
        series.values().forEach(points::addAll);
        Checks.notNull("accelerator", accelerator);
        Checks.notNull("types", types);
        Checks.notNull("points", points);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("types must name at least one data type");
        }
        Set<DataType> seen = EnumSet.noneOf(DataType.class);
        for (DataType t : types) {
            Checks.notNull("types", t);
            if (!seen.add(t)) {
                throw new IllegalArgumentException("types must not repeat a data type, " + t.name() + " appears twice");
            }
        }
        points.forEach(p -> Checks.notNull("points", p));
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Roofline: " + accelerator.displayName())
                .xAxisTitle("arithmetic intensity (FLOP/byte)").yAxisTitle("attainable TFLOP/s").build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true)
                .setLegendPosition(Styler.LegendPosition.InsideSE).setChartBackgroundColor(Color.WHITE)
                .setMarkerSize(8);
        double maxRidge = 1;
        double lowest = MIN_INTENSITY * 10;
        for (DataType t : types) {
            double ridge = Roofline.of(accelerator, t).ridgePointFlopsPerByte();
            maxRidge = Math.max(maxRidge, ridge);
            lowest = Math.min(lowest, ridge);
        }
        for (Point p : points) {
            maxRidge = Math.max(maxRidge, p.flopsPerByte());
            lowest = Math.min(lowest, p.flopsPerByte());
        }
        double maxIntensity = Math.pow(10, Math.ceil(Math.log10(maxRidge * 10)));
        // start at 0.1, or at a power of ten at most a tenth of the lowest ridge or point, so every slope shows
        double minIntensity = Math.min(MIN_INTENSITY, Math.pow(10, Math.floor(Math.log10(lowest / 10))));
        for (DataType t : types) {
            Roofline r = Roofline.of(accelerator, t);
            double ridge = r.ridgePointFlopsPerByte();
            double[] x = {minIntensity, ridge, maxIntensity};
            double[] y = {r.attainableFlopsPerSecond(minIntensity) / 1e12, r.peakFlopsPerSecond() / 1e12,
                    r.peakFlopsPerSecond() / 1e12};
            String label = String.format(Locale.ROOT, "%s (ridge %.0f FLOP/B)", t.displayName(), ridge);
            XYSeries s = chart.addSeries(label, x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(2f));
        }
        for (Map.Entry<String, List<Point>> e : series.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Point p : e.getValue()) {
                x.add(p.flopsPerByte());
                y.add(p.flopsPerSecond() / 1e12);
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            for (Point p : e.getValue()) {
                chart.addAnnotation(new AnnotationText(p.name(), p.flopsPerByte(), p.flopsPerSecond() / 1e12 * 1.25, false));
            }
        }
        return new RooflineChart(chart, types.size(), points.size());
    }

    /**
     * Returns the number of ceilings drawn.
     *
     * @return one per data type
     */
    public int ceilingCount() {
        return ceilingCount;
    }

    /**
     * Returns the number of operation points drawn.
     *
     * @return the point count
     */
    public int pointCount() {
        return pointCount;
    }
}
