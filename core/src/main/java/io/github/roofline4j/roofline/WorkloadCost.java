package io.github.roofline4j.roofline;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.roofline4j.workload.Operation;

/**
 * The priced operations of a workload.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the workload's name
 * @param seconds the total time, the sum of each operation's time times its repeat count
 * @param rows each operation's cost, per occurrence
 */
public record WorkloadCost(String name, double seconds, List<Row> rows) {

    /**
     * One priced operation.
     *
     * @param block the block it belongs to
     * @param operation the operation
     * @param repeat how many times it runs
     * @param cost its cost per occurrence
     */
    public record Row(String block, Operation operation, long repeat, OperationCost cost) {

        /**
         * Returns the time of all occurrences.
         *
         * @return repeat &times; seconds
         */
        public double totalSeconds() {
            return repeat * cost.seconds();
        }
    }

    /**
     * Copies the rows.
     */
    public WorkloadCost {
        rows = List.copyOf(rows);
    }

    /**
     * Returns the time spent in operations of each bound.
     *
     * @return seconds per bound
     */
    public Map<Bound, Double> secondsByBound() {
        Map<Bound, Double> m = new EnumMap<>(Bound.class);
        for (Bound b : Bound.values()) {
            m.put(b, 0.0);
        }
        for (Row r : rows) {
            m.merge(r.cost().bound(), r.totalSeconds(), Double::sum);
        }
        return m;
    }

    /**
     * Returns the bound that takes the most time.
     *
     * @return the dominant bound
     */
    public Bound dominantBound() {
        Bound best = Bound.MEMORY;
        double most = -1;
        for (Map.Entry<Bound, Double> e : secondsByBound().entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    /**
     * Returns the FLOPs of the workload.
     *
     * @return FLOPs
     */
    public double flops() {
        double f = 0;
        for (Row r : rows) {
            f += r.operation().flops() * r.repeat();
        }
        return f;
    }

    /**
     * Returns the device-memory bytes of the workload.
     *
     * @return bytes
     */
    public double bytes() {
        double b = 0;
        for (Row r : rows) {
            b += r.operation().bytes() * r.repeat();
        }
        return b;
    }
}
