package io.github.roofline4j.workload;

import java.util.List;

import io.github.roofline4j.support.Checks;
import io.github.roofline4j.units.UnitFormat;

/**
 * The operations one step performs on one device, as blocks of repeated operations.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name what the step is, such as {@code prefill}
 * @param blocks the blocks, in order
 */
public record Workload(String name, List<Block> blocks) {

    /**
     * Validates the components and copies the list.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public Workload {
        Checks.notBlank("name", name);
        blocks = List.copyOf(blocks);
    }

    /**
     * Returns the FLOPs of the step.
     *
     * @return the blocks' FLOPs
     */
    public double flops() {
        double f = 0;
        for (Block b : blocks) {
            f += b.flops();
        }
        return f;
    }

    /**
     * Returns the device-memory bytes of the step.
     *
     * @return the blocks' bytes
     */
    public double bytes() {
        double sum = 0;
        for (Block b : blocks) {
            sum += b.bytes();
        }
        return sum;
    }

    /**
     * Returns the number of operations the step runs (kernels and collectives), counting repeats.
     *
     * @return the operation count
     */
    public long operationCount() {
        long n = 0;
        for (Block b : blocks) {
            n += b.repeat() * b.operations().size();
        }
        return n;
    }

    @Override
    public String toString() {
        return name + ": " + operationCount() + " operations, " + UnitFormat.flops(flops()) + ", "
                + UnitFormat.bytes(bytes());
    }
}
