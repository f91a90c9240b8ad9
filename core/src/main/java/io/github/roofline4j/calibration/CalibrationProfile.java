package io.github.roofline4j.calibration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.roofline.CollectiveParameters;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.JsonFields;
import io.github.roofline4j.support.TextTable;
import io.github.roofline4j.units.Dimension;
import io.github.roofline4j.units.UnitFormat;
import tools.jackson.databind.JsonNode;

/**
 * Efficiency parameters measured on the user's hardware, which replace the defaults of an
 * {@link EfficiencyModel}: what {@link Calibration#fit} produces and {@code roofline4j calibrate}
 * writes, and what every estimate accepts ({@code --calibration profile.json}).
 *
 * <p>Applying a profile ({@link #applyTo(Accelerator, EfficiencyModel)}) sets the memory bandwidth
 * fraction to {@code achievableBandwidthBytesPerSecond} over the datasheet bandwidth, the kernel
 * overhead to {@code kernelOverheadSeconds}, the sustained fraction and K-loop fill of each data
 * type in {@code matmul}, and prices each collective in {@code collectives} with its alpha-beta
 * parameters; everything the profile does not give keeps the base model's value. A profile
 * belongs to the accelerator it was measured on and is refused for another.
 *
 * <p>JSON (the component names are the keys; {@code fit} objects are optional):
 * <pre>{@code
 * {"hardware": "h100-sxm", "achievableBandwidthBytesPerSecond": 2.95e12, "kernelOverheadSeconds": 2.1e-6,
 *  "memoryFit": {...}, "collectives": [{"kind": "allreduce", "scope": "intra", "latencySeconds": 1.6e-5,
 *  "busBandwidthBytesPerSecond": 3.6e11, "fit": {...}}], "matmul": [{"dtype": "bf16", "peakEfficiency": 0.81,
 *  "fillK": 310, "fit": {...}}]}
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param hardware the id of the accelerator the measurements were made on
 * @param achievableBandwidthBytesPerSecond the achieved device-memory bandwidth, bytes per second, or null when not measured
 * @param kernelOverheadSeconds the fixed cost per kernel (the copies' launch latency), seconds, or null when not measured
 * @param memoryFit the quality of the copy fit, or null
 * @param collectives the collectives' parameters, at most one per kind and scope
 * @param matmul the matrix units' parameters, at most one per data type
 */
public record CalibrationProfile(String hardware, Double achievableBandwidthBytesPerSecond, Double kernelOverheadSeconds,
        FitQuality memoryFit, List<CollectiveFit> collectives, List<MatmulFit> matmul) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException naming the field if a value is out of range or listed twice
     */
    public CalibrationProfile {
        Checks.notBlank("hardware", hardware);
        if (achievableBandwidthBytesPerSecond != null) {
            Checks.positive("achievableBandwidthBytesPerSecond", achievableBandwidthBytesPerSecond);
        }
        if (kernelOverheadSeconds != null) {
            kernelOverheadSeconds = Checks.nonNegative("kernelOverheadSeconds", kernelOverheadSeconds);
        }
        collectives = List.copyOf(Checks.notNull("collectives", collectives));
        matmul = List.copyOf(Checks.notNull("matmul", matmul));
        Set<String> seen = new HashSet<>();
        for (CollectiveFit c : collectives) {
            if (!seen.add(c.kind() + " " + c.scope())) {
                throw new IllegalArgumentException("collectives lists " + c.kind() + " " + c.scope()
                        + " twice; expected at most one entry per kind and scope");
            }
        }
        for (MatmulFit m : matmul) {
            if (!seen.add(m.dtype())) {
                throw new IllegalArgumentException("matmul lists " + m.dtype() + " twice; expected at most one entry per dtype");
            }
        }
    }

    /**
     * Returns the efficiency model of an accelerator with this profile applied to its defaults.
     *
     * @param accelerator the accelerator, which must be the one the profile was measured on
     * @return the calibrated model
     * @throws IllegalArgumentException if the profile belongs to another accelerator or its bandwidth exceeds 1.2
     *         times the datasheet's
     */
    public EfficiencyModel efficiencyFor(Accelerator accelerator) {
        return applyTo(accelerator, EfficiencyDefaults.forAccelerator(accelerator));
    }

    /**
     * Applies the profile to an efficiency model.
     *
     * @param accelerator the accelerator, which must be the one the profile was measured on
     * @param base the model whose values the profile does not give are kept
     * @return the calibrated model
     * @throws IllegalArgumentException if the profile belongs to another accelerator or its bandwidth exceeds 1.2
     *         times the datasheet's
     */
    public EfficiencyModel applyTo(Accelerator accelerator, EfficiencyModel base) {
        Checks.notNull("accelerator", accelerator);
        Checks.notNull("base", base);
        if (!hardware.equals(accelerator.id())) {
            throw new IllegalArgumentException("the calibration profile was measured on " + hardware
                    + "; the estimate is for " + accelerator.id() + " (calibrate on that accelerator)");
        }
        EfficiencyModel e = base;
        List<String> parts = new ArrayList<>();
        if (achievableBandwidthBytesPerSecond != null) {
            parts.add("memory bandwidth " + UnitFormat.bytesPerSecond(achievableBandwidthBytesPerSecond));
            double fraction = achievableBandwidthBytesPerSecond / accelerator.memoryBandwidthBytesPerSecond();
            if (fraction > 1.2) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "achievableBandwidthBytesPerSecond %.4g is %.2f times the datasheet bandwidth of %s; expected "
                                + "at most 1.2 times (do the copies count bytes read plus bytes written?)",
                        achievableBandwidthBytesPerSecond, fraction, hardware));
            }
            e = e.withMemoryBandwidthFraction(fraction);
        }
        if (kernelOverheadSeconds != null) {
            e = e.withKernelOverheadSeconds(kernelOverheadSeconds);
            parts.add("kernel overhead " + UnitFormat.seconds(kernelOverheadSeconds));
        }
        for (MatmulFit m : matmul) {
            e = e.withMatmul(m.dataType(), m.peakEfficiency(), m.fillK());
            parts.add(String.format(Locale.ROOT, "%s matmul %.3f of peak with a K-loop fill of %.0f", m.dtype(),
                    m.peakEfficiency(), m.fillK()));
        }
        List<CollectiveParameters> measured = new ArrayList<>();
        for (CollectiveFit c : collectives) {
            measured.add(c.parameters());
            parts.add(c.kind() + " " + c.scope() + " " + UnitFormat.seconds(c.latencySeconds()) + " plus bus bytes at "
                    + UnitFormat.bytesPerSecond(c.busBandwidthBytesPerSecond()));
        }
        return e.withMeasuredCollectives(measured).withSource(base.source() + "; calibrated on " + hardware
                + " from the user's measurements" + (parts.isEmpty() ? "" : ": " + String.join(", ", parts)));
    }

    /**
     * Writes the profile as JSON.
     *
     * @return the JSON document
     */
    public String toJson() {
        return Json.mapper().writeValueAsString(this);
    }

    /**
     * Reads a profile from JSON. Unknown keys are errors, and so are missing ones; a value not measured is
     * {@code null}.
     *
     * @param text the document
     * @param source the file name, for messages
     * @return the profile
     * @throws IllegalArgumentException naming the source, the JSON path and the problem
     */
    public static CalibrationProfile parseJson(String text, String source) {
        return read(Json.parse(text, source), source);
    }

    /**
     * Reads a profile file.
     *
     * @param file the file
     * @return the profile
     * @throws IllegalArgumentException if the file cannot be read or is not a valid profile
     */
    public static CalibrationProfile read(Path file) {
        return read(Json.read(file), file.toString());
    }

    private static CalibrationProfile read(JsonNode root, String source) {
        JsonFields f = JsonFields.of(root, source, "$");
        String hardware = f.string("hardware");
        Double bandwidth = nullable(f, "achievableBandwidthBytesPerSecond", Dimension.BYTES_PER_SECOND);
        Double overhead = nullable(f, "kernelOverheadSeconds", Dimension.SECONDS);
        FitQuality memoryFit = fit(f, "memoryFit");
        List<CollectiveFit> collectives = new ArrayList<>();
        for (JsonFields c : f.objects("collectives")) {
            String kind = c.string("kind");
            String scope = c.string("scope");
            double latency = c.number("latencySeconds", Dimension.SECONDS);
            double bus = c.number("busBandwidthBytesPerSecond", Dimension.BYTES_PER_SECOND);
            FitQuality q = fit(c, "fit");
            c.finish();
            collectives.add(c.build(() -> new CollectiveFit(kind, scope, latency, bus, q)));
        }
        List<MatmulFit> matmul = new ArrayList<>();
        for (JsonFields m : f.objects("matmul")) {
            String dtype = m.string("dtype");
            double peak = plain(m, "peakEfficiency");
            double fill = plain(m, "fillK");
            FitQuality q = fit(m, "fit");
            m.finish();
            matmul.add(m.build(() -> new MatmulFit(dtype, peak, fill, q)));
        }
        f.finish();
        return f.build(() -> new CalibrationProfile(hardware, bandwidth, overhead, memoryFit, collectives, matmul));
    }

    /** A required plain number (no unit), which the record's constructor then range-checks. */
    private static double plain(JsonFields f, String field) {
        JsonNode v = f.raw(field);
        if (v == null || !v.isNumber()) {
            throw f.error(field, "expected a number, was " + (v == null ? "missing or null" : v.toString()));
        }
        return v.doubleValue();
    }

    private static Double nullable(JsonFields f, String field, Dimension dimension) {
        if (!f.has(field) && !f.isExplicitNull(field)) {
            throw f.error(field, "is missing; write null when it was not measured");
        }
        OptionalDouble v = f.optionalNumber(field, dimension);
        return v.isPresent() ? v.getAsDouble() : null;
    }

    private static FitQuality fit(JsonFields parent, String field) {
        if (!parent.has(field)) {
            return null;
        }
        JsonFields f = parent.object(field);
        int points = f.integer("pointCount");
        int parameters = f.integer("parameterCount");
        double rSquared = plain(f, "rSquared");
        double rms = plain(f, "rootMeanSquareRelativeError");
        double max = plain(f, "maxRelativeError");
        JsonNode residualNode = f.raw("relativeResiduals");
        if (residualNode == null || !residualNode.isArray()) {
            throw f.error("relativeResiduals", "expected an array of numbers");
        }
        List<Double> residuals = new ArrayList<>();
        for (int i = 0; i < residualNode.size(); i++) {
            JsonNode r = residualNode.get(i);
            if (!r.isNumber()) {
                throw f.error("relativeResiduals", "element " + i + " is not a number");
            }
            residuals.add(r.doubleValue());
        }
        f.finish();
        return f.build(() -> new FitQuality(points, parameters, rSquared, rms, max, residuals));
    }

    /**
     * Renders the profile as a text table with the fit quality of each part.
     *
     * @return the table, ending with a newline
     */
    public String table() {
        TextTable t = TextTable.withHeader("part", "parameters", "points", "R²", "rms error", "max error")
                .rightAligned("points", "R²", "rms error", "max error");
        if (achievableBandwidthBytesPerSecond != null) {
            t.row(quality("memory (copies)", "bandwidth " + UnitFormat.bytesPerSecond(achievableBandwidthBytesPerSecond)
                    + ", launch " + UnitFormat.seconds(kernelOverheadSeconds != null ? kernelOverheadSeconds : 0),
                    memoryFit));
        }
        for (MatmulFit m : matmul) {
            t.row(quality("gemm " + m.dtype(), String.format(Locale.ROOT, "peak efficiency %.3f, fill k0 %.0f",
                    m.peakEfficiency(), m.fillK()), m.fit()));
        }
        for (CollectiveFit c : collectives) {
            t.row(quality(c.kind() + " " + c.scope(), "latency " + UnitFormat.seconds(c.latencySeconds()) + ", bus "
                    + UnitFormat.bytesPerSecond(c.busBandwidthBytesPerSecond()), c.fit()));
        }
        return "Calibration of " + hardware + "\n" + t.render();
    }

    private static Object[] quality(String part, String parameters, FitQuality q) {
        if (q == null) {
            return new Object[] {part, parameters, "-", "-", "-", "-"};
        }
        return new Object[] {part, parameters, q.pointCount(), String.format(Locale.ROOT, "%.4f", q.rSquared()),
                UnitFormat.percent(q.rootMeanSquareRelativeError()), UnitFormat.percent(q.maxRelativeError())};
    }
}
