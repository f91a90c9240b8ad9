package io.github.roofline4j.charts;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;

/**
 * A chart of this module: an XChart chart that writes itself as PNG or SVG, headless, and renders
 * as an image for notebooks. The one place the charts of this module are encoded.
 *
 * <p>Not modified by its own methods once built, but {@link #chart()} hands out the live XChart
 * object: changes made to it show in later writes.
 *
 * @param <C> the XChart chart type
 */
public abstract class Figure<C extends Chart<?, ?>> {

    private final C chart;

    /**
     * Wraps a chart.
     *
     * @param chart the chart
     */
    Figure(C chart) {
        this.chart = chart;
    }

    /**
     * Returns the underlying XChart chart, to restyle or embed it. This is the live object, not a
     * copy: changes to it show in later writes.
     *
     * @return the chart this object draws
     */
    public C chart() {
        return chart;
    }

    /**
     * Writes the chart as a PNG image.
     *
     * @param file the file, replaced if it exists; parent directories are created
     * @throws UncheckedIOException if the file cannot be written
     */
    public void writePng(Path file) {
        writePng(chart, file);
    }

    /**
     * Writes the chart as an SVG image.
     *
     * @param file the file, replaced if it exists; parent directories are created
     * @throws UncheckedIOException if the file cannot be written
     */
    public void writeSvg(Path file) {
        writeSvg(chart, file);
    }

    /**
     * Writes the chart as PNG or SVG, as the file name ends.
     *
     * @param file a {@code .png} or {@code .svg} file, replaced if it exists
     * @throws IllegalArgumentException if the name ends with neither
     * @throws UncheckedIOException if the file cannot be written
     */
    public void write(Path file) {
        write(chart, file);
    }

    /**
     * Renders the chart as an image, for notebooks (the JJava kernel displays a
     * {@link BufferedImage} as PNG).
     *
     * @return the image
     */
    public BufferedImage toImage() {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Writes a chart as PNG.
     *
     * @param chart the chart
     * @param file the file, replaced if it exists; parent directories are created
     * @throws UncheckedIOException if the file cannot be written
     */
    private static void writePng(Chart<?, ?> chart, Path file) {
        write(file, out -> ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", out));
    }

    /**
     * Writes a chart as SVG.
     *
     * @param chart the chart
     * @param file the file, replaced if it exists; parent directories are created
     * @throws UncheckedIOException if the file cannot be written
     */
    private static void writeSvg(Chart<?, ?> chart, Path file) {
        write(file, out -> {
            VectorGraphics2D g = new VectorGraphics2D();
            chart.paint(g, chart.getWidth(), chart.getHeight());
            Processors.get("svg").getDocument(g.getCommands(), new PageSize(chart.getWidth(), chart.getHeight()))
                    .writeTo(out);
        });
    }

    /**
     * Writes a chart in the format its file name ends with: {@code .png} or {@code .svg}.
     *
     * @param chart the chart
     * @param file the file
     * @throws IllegalArgumentException if the name ends with neither
     * @throws UncheckedIOException if the file cannot be written
     */
    private static void write(Chart<?, ?> chart, Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            writePng(chart, file);
        } else if (name.endsWith(".svg")) {
            writeSvg(chart, file);
        } else {
            throw new IllegalArgumentException("chart file must end in .png or .svg, was " + file);
        }
    }

    private interface Encoder {
        void encode(OutputStream out) throws IOException;
    }

    private static void write(Path file, Encoder encoder) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                encoder.encode(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
