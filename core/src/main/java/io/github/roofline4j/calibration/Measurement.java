package io.github.roofline4j.calibration;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.roofline.CollectiveParameters.Scope;
import io.github.roofline4j.support.Checks;

/**
 * One timing the user made on their hardware: a row of the measurements file
 * ({@code kind,dtype,m,n,k,bytes,group,scope,seconds}).
 *
 * <ul>
 * <li>{@link MeasurementKind#GEMM}: {@code dtype}, {@code m}, {@code n}, {@code k} (an m &times; k by
 *     k &times; n product, 2mnk FLOPs);</li>
 * <li>{@link MeasurementKind#COPY}: {@code bytes}, the bytes read plus the bytes written;</li>
 * <li>a collective: {@code bytes}, the buffer size as nccl-tests reports it in its "size" column
 *     (the whole buffer of an all-reduce, the gathered output of an all-gather, the input of a
 *     reduce-scatter, the send buffer of an all-to-all, the message of a send/recv), {@code group}
 *     ranks, and {@code scope}, inside one node ({@code intra}) or across nodes ({@code inter}).</li>
 * </ul>
 * The columns a kind does not use are empty: null for {@code dtype} and {@code scope}, 0 for the
 * numbers. {@code seconds} is the time of one operation.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what was timed
 * @param dtype the data type of a GEMM, else null
 * @param m GEMM output rows, &gt; 0 for a GEMM, else 0
 * @param n GEMM output columns, &gt; 0 for a GEMM, else 0
 * @param k GEMM reduction depth, &gt; 0 for a GEMM, else 0
 * @param bytes bytes of a copy or a collective, &gt; 0, else 0
 * @param group ranks of a collective, &ge; 2 (exactly 2 for send/recv), else 0
 * @param scope where a collective's ranks sit, else null
 * @param seconds the measured time of one operation, seconds, &gt; 0
 */
public record Measurement(MeasurementKind kind, DataType dtype, long m, long n, long k, double bytes, int group,
        Scope scope, double seconds) {

    /**
     * Validates the row for its kind.
     *
     * @throws IllegalArgumentException naming the column, the value and what the kind expects
     */
    public Measurement {
        Checks.notNull("kind", kind);
        Checks.positive("seconds", seconds);
        String what = " for a " + kind.fileName();
        if (kind == MeasurementKind.GEMM) {
            if (dtype == null) {
                throw new IllegalArgumentException("dtype is required" + what);
            }
            Checks.positive("m", m);
            Checks.positive("n", n);
            Checks.positive("k", k);
            empty("bytes", bytes != 0, what);
        } else {
            empty("dtype", dtype != null, what);
            empty("m", m != 0, what);
            empty("n", n != 0, what);
            empty("k", k != 0, what);
            Checks.positive("bytes", bytes);
        }
        if (kind.isCollective()) {
            if (kind == MeasurementKind.SENDRECV && group != 2) {
                throw new IllegalArgumentException("group must be 2" + what + ", was " + group);
            }
            Checks.inRange("group", group, 2, Integer.MAX_VALUE);
            if (scope == null) {
                throw new IllegalArgumentException("scope is required" + what + " (intra or inter)");
            }
        } else {
            empty("group", group != 0, what);
            empty("scope", scope != null, what);
        }
    }

    private static void empty(String column, boolean present, String what) {
        if (present) {
            throw new IllegalArgumentException(column + " must be empty" + what);
        }
    }

    /**
     * Returns a GEMM measurement.
     *
     * @param dtype the data type
     * @param m output rows, &gt; 0
     * @param n output columns, &gt; 0
     * @param k reduction depth, &gt; 0
     * @param seconds the time of one product, &gt; 0
     * @return the measurement
     */
    public static Measurement gemm(DataType dtype, long m, long n, long k, double seconds) {
        return new Measurement(MeasurementKind.GEMM, dtype, m, n, k, 0, 0, null, seconds);
    }

    /**
     * Returns a copy measurement.
     *
     * @param bytes bytes read plus bytes written, &gt; 0
     * @param seconds the time of one copy, &gt; 0
     * @return the measurement
     */
    public static Measurement copy(double bytes, double seconds) {
        return new Measurement(MeasurementKind.COPY, null, 0, 0, 0, bytes, 0, null, seconds);
    }

    /**
     * Returns a collective measurement.
     *
     * @param kind the collective kind
     * @param bytes the buffer size (nccl-tests' "size"), &gt; 0
     * @param group ranks, &ge; 2
     * @param scope inside one node or across nodes
     * @param seconds the time of one collective, &gt; 0
     * @return the measurement
     * @throws IllegalArgumentException if the kind is not a collective
     */
    public static Measurement collective(MeasurementKind kind, double bytes, int group, Scope scope, double seconds) {
        if (!kind.isCollective()) {
            throw new IllegalArgumentException("kind must be a collective, was " + kind.fileName());
        }
        return new Measurement(kind, null, 0, 0, 0, bytes, group, scope, seconds);
    }
}
