package io.github.roofline4j.calibration;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.ejml.data.DMatrixRMaj;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.roofline.CollectiveModel;
import io.github.roofline4j.roofline.CollectiveParameters.Scope;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.roofline.Pricer;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.workload.Operation;

/**
 * Fits the {@link EfficiencyModel} of an accelerator to the user's measurements.
 *
 * <ul>
 * <li><b>Memory</b>, from the copies: t = t<sub>0</sub> + bytes / B, the achievable bandwidth B and
 *     the launch latency t<sub>0</sub> (which becomes the model's kernel overhead) by linear least
 *     squares in relative error, t<sub>0</sub> &ge; 0 ({@link LinearFit}).</li>
 * <li><b>Matrix units</b>, per data type, from the GEMMs: the sustained fraction f and the K-loop
 *     fill k<sub>0</sub> of the model's size-aware matmul efficiency, the time of each GEMM being
 *     what {@link Pricer} gives it (max(compute, memory) + kernel overhead, at the bandwidth and
 *     overhead fitted from the copies, or the base model's), by bounded Levenberg-Marquardt on the
 *     log of the times, f in [{@value #MIN_FRACTION}, 1.2] and k<sub>0</sub> in [0, {@value #MAX_FILL_K}].
 *     A GEMM reads its inputs in its data type and writes its output in it, or in BF16 for types
 *     narrower than 16 bits (as FP8 GEMMs in cuBLASLt and DeepGEMM do).</li>
 * <li><b>Collectives</b>, per kind and scope: t = &alpha; + x / B<sub>bus</sub> with x the bus bytes
 *     of the ring algorithm ({@link CollectiveModel#busBytes}: 2(n&minus;1)/n&middot;S for an
 *     all-reduce, (n&minus;1)/n&middot;S for all-gather, reduce-scatter and all-to-all, S for
 *     send/recv), by the same linear fit.</li>
 * </ul>
 * Each fit needs at least {@value #MIN_POINTS} measurements and data that determine its parameters
 * (two sizes for a line; two depths k and some compute-bound products for a GEMM); otherwise, or
 * when a parameter lands outside what the model allows, calibration is refused with a message
 * saying which parameter and what to measure. All problems are reported together.
 *
 * <p>Stateless and thread-safe.
 */
public final class Calibration {

    /** Measurements a fit needs: its two parameters plus one to judge the fit. */
    public static final int MIN_POINTS = 3;
    /** Lower bound of a fitted matmul fraction. */
    static final double MIN_FRACTION = 1e-3;
    /** Upper bound of a fitted matmul fraction, as {@link EfficiencyModel} allows. */
    static final double MAX_FRACTION = 1.2;
    /** Upper bound of a fitted K-loop fill, elements. */
    static final double MAX_FILL_K = 65536;
    /**
     * A parameter whose scaled Jacobian column is smaller than this (per point) does not move the
     * predictions: the data cannot determine it.
     */
    static final double INSENSITIVE = 1e-6;
    /** Two parameters whose Jacobian columns are this close to parallel cannot be told apart. */
    static final double COLLINEAR = 1 - 1e-6;

    private Calibration() {
    }

    /**
     * Fits the default efficiency model of an accelerator.
     *
     * @param accelerator the accelerator the measurements were made on
     * @param measurements the measurements, at least one
     * @return the fitted profile
     * @throws IllegalArgumentException listing every fit the data cannot support, and why
     */
    public static CalibrationProfile fit(Accelerator accelerator, List<Measurement> measurements) {
        return fit(accelerator, EfficiencyDefaults.forAccelerator(accelerator), measurements);
    }

    /**
     * Fits an efficiency model.
     *
     * @param accelerator the accelerator the measurements were made on
     * @param base the model whose other parameters the fits hold fixed
     * @param measurements the measurements, at least one
     * @return the fitted profile
     * @throws IllegalArgumentException listing every fit the data cannot support, and why
     */
    public static CalibrationProfile fit(Accelerator accelerator, EfficiencyModel base, List<Measurement> measurements) {
        Checks.notNull("accelerator", accelerator);
        Checks.notNull("base", base);
        Checks.notNull("measurements", measurements);
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException("measurements must not be empty");
        }
        List<Measurement> copies = new ArrayList<>();
        Map<DataType, List<Measurement>> gemms = new EnumMap<>(DataType.class);
        Map<String, List<Measurement>> collectives = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            Checks.notNull("measurement", m);
            if (m.kind() == MeasurementKind.COPY) {
                copies.add(m);
            } else if (m.kind() == MeasurementKind.GEMM) {
                gemms.computeIfAbsent(m.dtype(), t -> new ArrayList<>()).add(m);
            } else {
                collectives.computeIfAbsent(m.kind().fileName() + " " + m.scope().name().toLowerCase(Locale.ROOT),
                        key -> new ArrayList<>()).add(m);
            }
        }
        List<String> problems = new ArrayList<>();
        Double bandwidth = null;
        Double overhead = null;
        FitQuality memoryFit = null;
        EfficiencyModel model = base;
        if (!copies.isEmpty()) {
            try {
                double[] x = new double[copies.size()];
                double[] t = new double[copies.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = copies.get(i).bytes();
                    t[i] = copies.get(i).seconds();
                }
                LinearFit line = line("copy", "bytes", x, t, "the bandwidth", "the launch latency");
                bandwidth = 1 / line.slope();
                overhead = line.intercept();
                double fraction = bandwidth / accelerator.memoryBandwidthBytesPerSecond();
                if (fraction > MAX_FRACTION) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "copy: the fitted bandwidth %.4g B/s is %.2f times the datasheet bandwidth of %s; expected "
                                    + "at most %.1f (bytes must count the bytes read plus the bytes written)",
                            bandwidth, fraction, accelerator.id(), MAX_FRACTION));
                }
                memoryFit = quality(x, t, line);
                model = model.withMemoryBandwidthFraction(fraction).withKernelOverheadSeconds(overhead);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                bandwidth = null;
                overhead = null;
            }
        }
        List<MatmulFit> matmul = new ArrayList<>();
        for (Map.Entry<DataType, List<Measurement>> e : gemms.entrySet()) {
            try {
                matmul.add(matmul(accelerator, model, e.getKey(), e.getValue()));
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage());
            }
        }
        List<CollectiveFit> fits = new ArrayList<>();
        for (Map.Entry<String, List<Measurement>> e : collectives.entrySet()) {
            try {
                fits.add(collective(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot calibrate " + accelerator.id() + ": " + String.join("; ", problems));
        }
        return new CalibrationProfile(accelerator.id(), bandwidth, overhead, memoryFit, fits, matmul);
    }

    private static CollectiveFit collective(String name, List<Measurement> points) {
        double[] x = new double[points.size()];
        double[] t = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            Measurement m = points.get(i);
            x[i] = CollectiveModel.busBytes(m.kind().collective(), m.group(), m.bytes());
            t[i] = m.seconds();
        }
        LinearFit line = line(name, "bus bytes", x, t, "the bus bandwidth", "the latency");
        Measurement first = points.get(0);
        return new CollectiveFit(first.kind().fileName(), first.scope().name(), line.intercept(), 1 / line.slope(),
                quality(x, t, line));
    }

    /** Fits a line after checking the data can determine it. */
    private static LinearFit line(String name, String size, double[] x, double[] t, String slopeName,
            String interceptName) {
        if (x.length < MIN_POINTS) {
            throw new IllegalArgumentException(name + ": needs at least " + MIN_POINTS + " measurements to fit "
                    + slopeName + " and " + interceptName + " and judge the fit, got " + x.length);
        }
        TreeSet<Double> distinct = new TreeSet<>();
        for (double v : x) {
            distinct.add(v);
        }
        if (distinct.size() < 2) {
            throw new IllegalArgumentException(name + ": every measurement has " + size + " = "
                    + Checks.plain(distinct.first()) + ", so " + slopeName + " and " + interceptName
                    + " cannot be told apart; measure at least two sizes (small and large)");
        }
        LinearFit line = LinearFit.of(x, t);
        if (line == null) {
            throw new IllegalArgumentException(name + ": the time does not grow with " + size + ", so " + slopeName
                    + " cannot be determined; check the measurements");
        }
        return line;
    }

    private static FitQuality quality(double[] x, double[] t, LinearFit line) {
        double[] predicted = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            predicted[i] = line.intercept() + line.slope() * x[i];
        }
        return FitQuality.of(t, predicted, 2);
    }

    private static MatmulFit matmul(Accelerator accelerator, EfficiencyModel model, DataType type,
            List<Measurement> points) {
        String name = "gemm " + type.cliName();
        accelerator.peakFlopsPerSecond(type);
        if (points.size() < MIN_POINTS) {
            throw new IllegalArgumentException(name + ": needs at least " + MIN_POINTS
                    + " GEMMs to fit peakEfficiency and fillK and judge the fit, got " + points.size());
        }
        TreeSet<Long> depths = new TreeSet<>();
        for (Measurement m : points) {
            depths.add(m.k());
        }
        if (depths.size() < 2) {
            throw new IllegalArgumentException(name + ": every GEMM has k = " + depths.first()
                    + ", so fillK cannot be told apart from peakEfficiency; measure at least two depths k "
                    + "(for example 512 and 8192)");
        }
        Operation[] ops = new Operation[points.size()];
        double[] measured = new double[points.size()];
        double outputBytes = type.bitsPerElement() < 16 ? 2 : type.bytesPerElement();
        for (int i = 0; i < ops.length; i++) {
            Measurement m = points.get(i);
            ops[i] = Operation.matmul(name, type, m.m(), m.n(), m.k(), 1,
                    ((double) m.m() * m.k() + (double) m.k() * m.n()) * type.bytesPerElement(),
                    (double) m.m() * m.n() * outputBytes);
            measured[i] = m.seconds();
        }
        double[] lower = {MIN_FRACTION, 0};
        double[] upper = {MAX_FRACTION, MAX_FILL_K};
        double[] typical = {1, 256};
        double[] start = {Math.min(1, model.matmulFraction(type)), 256};
        LevenbergMarquardt.Result result = LevenbergMarquardt.minimize(p -> {
            Pricer pricer = new Pricer(accelerator, model.withMatmul(type, p[0], p[1]));
            double[] r = new double[ops.length];
            for (int i = 0; i < ops.length; i++) {
                r[i] = Math.log(pricer.seconds(ops[i]) / measured[i]);
            }
            return r;
        }, start, lower, upper, typical);
        double[] p = result.parameters();
        checkDetermined(name, result.jacobian(), typical, p);
        if (p[0] >= MAX_FRACTION) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: peakEfficiency reaches its bound %.1f: "
                    + "the GEMMs ran faster than the datasheet peak of %s allows (is the hardware right?)", name,
                    MAX_FRACTION, accelerator.id()));
        }
        if (p[0] <= MIN_FRACTION) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: peakEfficiency reaches its lower bound "
                    + "%.3f: the GEMMs ran at a thousandth of the peak of %s or less (are the seconds per product, and "
                    + "the data type right?)", name, MIN_FRACTION, accelerator.id()));
        }
        if (p[1] >= MAX_FILL_K) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: fillK reaches its bound %.0f: the "
                    + "times grow less with k than any fill explains; check the measurements", name, MAX_FILL_K));
        }
        Pricer fitted = new Pricer(accelerator, model.withMatmul(type, p[0], p[1]));
        double[] predicted = new double[ops.length];
        for (int i = 0; i < ops.length; i++) {
            predicted[i] = fitted.seconds(ops[i]);
        }
        return new MatmulFit(type.cliName(), p[0], p[1], FitQuality.of(measured, predicted, 2));
    }

    /** Refuses a fit whose parameters the data cannot determine: a flat or a duplicate Jacobian column. */
    private static void checkDetermined(String name, DMatrixRMaj j, double[] typical, double[] p) {
        int rows = j.numRows;
        double[] norms = new double[j.numCols];
        String[] names = {"peakEfficiency", "fillK"};
        for (int c = 0; c < j.numCols; c++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                double v = j.get(i, c) * Math.max(Math.abs(p[c]), typical[c]);
                s += v * v;
            }
            norms[c] = Math.sqrt(s);
            if (norms[c] < INSENSITIVE * Math.sqrt(rows)) {
                throw new IllegalArgumentException(name + ": " + names[c] + " cannot be determined: the modelled times "
                        + "do not depend on it (every GEMM is memory- or overhead-bound" + (c == 1 ? " or very deep" : "")
                        + "); measure large products (m, n, k of 1024 and more) at several depths k");
            }
        }
        double dot = 0;
        for (int i = 0; i < rows; i++) {
            dot += j.get(i, 0) * j.get(i, 1);
        }
        double scale = Math.max(Math.abs(p[0]), typical[0]) * Math.max(Math.abs(p[1]), typical[1]);
        if (Math.abs(dot * scale) / (norms[0] * norms[1]) > COLLINEAR) {
            throw new IllegalArgumentException(name + ": peakEfficiency and fillK cannot be told apart: the GEMMs "
                    + "change k too little against their cost; measure at least two quite different depths k "
                    + "(for example 512 and 8192)");
        }
    }
}
