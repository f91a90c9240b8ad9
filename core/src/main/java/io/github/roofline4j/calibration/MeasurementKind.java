package io.github.roofline4j.calibration;

import java.util.Locale;

import io.github.roofline4j.workload.CollectiveKind;

/**
 * What a {@link Measurement} timed: a matrix product, a device-memory copy, or a collective. The
 * names are those of the measurements file's {@code kind} column.
 */
public enum MeasurementKind {
    /** A matrix product of m &times; k by k &times; n in one data type. */
    GEMM(null),
    /** A device-to-device copy; {@code bytes} counts the bytes read plus the bytes written. */
    COPY(null),
    /** An all-reduce (nccl-tests {@code all_reduce_perf}). */
    ALLREDUCE(CollectiveKind.ALL_REDUCE),
    /** An all-gather (nccl-tests {@code all_gather_perf}). */
    ALLGATHER(CollectiveKind.ALL_GATHER),
    /** A reduce-scatter (nccl-tests {@code reduce_scatter_perf}). */
    REDUCESCATTER(CollectiveKind.REDUCE_SCATTER),
    /** An all-to-all (nccl-tests {@code alltoall_perf}). */
    ALLTOALL(CollectiveKind.ALL_TO_ALL),
    /** A send/receive between two ranks (nccl-tests {@code sendrecv_perf}). */
    SENDRECV(CollectiveKind.SEND_RECV);

    private final CollectiveKind collective;

    MeasurementKind(CollectiveKind collective) {
        this.collective = collective;
    }

    /**
     * Returns the collective this kind times.
     *
     * @return the collective, or null for {@link #GEMM} and {@link #COPY}
     */
    public CollectiveKind collective() {
        return collective;
    }

    /**
     * Tells whether this kind is a collective.
     *
     * @return true for the collectives
     */
    public boolean isCollective() {
        return collective != null;
    }

    /**
     * Returns the name used in the measurements file and the profile, such as {@code "allreduce"}.
     *
     * @return the lower-case name
     */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a kind by its file name, in any case.
     *
     * @param name the name, such as {@code "allreduce"}
     * @return the kind
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static MeasurementKind parse(String name) {
        for (MeasurementKind k : values()) {
            if (k.name().equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("kind must be one of " + names() + ", was '" + name + "'");
    }

    /**
     * Returns the kind that times a collective.
     *
     * @param collective the collective
     * @return the kind
     * @throws IllegalArgumentException for a collective that cannot be measured here (broadcast)
     */
    public static MeasurementKind of(CollectiveKind collective) {
        for (MeasurementKind k : values()) {
            if (k.collective == collective) {
                return k;
            }
        }
        throw new IllegalArgumentException("no measurement kind for the collective " + collective);
    }

    static String names() {
        StringBuilder b = new StringBuilder();
        for (MeasurementKind k : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(k.fileName());
        }
        return b.toString();
    }
}
