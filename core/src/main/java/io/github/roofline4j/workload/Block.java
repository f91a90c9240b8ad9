package io.github.roofline4j.workload;

import java.util.List;

import io.github.roofline4j.support.Checks;

/**
 * Operations that repeat: one layer's operations, built once and counted {@code repeat} times.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name what the block is, such as {@code dense layer}
 * @param operations the operations of one occurrence, in order
 * @param repeat occurrences, &ge; 0
 */
public record Block(String name, List<Operation> operations, long repeat) {

    /**
     * Validates the components and copies the list.
     *
     * @throws IllegalArgumentException if the name is blank or the repeat negative
     */
    public Block {
        Checks.notBlank("name", name);
        operations = List.copyOf(operations);
        Checks.nonNegative("repeat", repeat);
    }

    /**
     * Returns the FLOPs of all occurrences.
     *
     * @return repeat &times; the operations' FLOPs
     */
    public double flops() {
        double f = 0;
        for (Operation op : operations) {
            f += op.flops();
        }
        return f * repeat;
    }

    /**
     * Returns the device-memory bytes of all occurrences.
     *
     * @return repeat &times; the operations' bytes
     */
    public double bytes() {
        double b = 0;
        for (Operation op : operations) {
            b += op.bytes();
        }
        return b * repeat;
    }
}
