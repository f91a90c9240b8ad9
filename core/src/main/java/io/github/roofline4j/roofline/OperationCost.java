package io.github.roofline4j.roofline;

/**
 * What one operation costs on a device, and what bounds it.
 *
 * <p>The overlap assumption: inside a kernel, computation and memory traffic overlap fully, so
 * the kernel takes the longer of the two (the roofline); the fixed kernel overhead adds to that;
 * kernels run one after another; a collective runs alone, with nothing to overlap in inference.
 *
 * <p>Immutable and thread-safe.
 *
 * @param computeSeconds FLOPs over the achievable compute rate
 * @param memorySeconds bytes over the achievable memory bandwidth
 * @param communicationSeconds the collective's time on the topology
 * @param overheadSeconds the fixed cost of the kernel
 * @param seconds the operation's time: max(compute, memory) + communication + overhead
 * @param bound what limits it
 */
public record OperationCost(double computeSeconds, double memorySeconds, double communicationSeconds,
        double overheadSeconds, double seconds, Bound bound) {
}
