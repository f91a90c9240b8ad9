package io.github.roofline4j.inference;

/**
 * One operation of an estimate's table, over all its occurrences in a step.
 *
 * <p>Immutable and thread-safe.
 *
 * @param phase {@code prefill} or {@code decode}
 * @param block the block it belongs to, such as {@code dense layer}
 * @param name the operation, such as {@code qkv_proj}
 * @param kind its kind, lower case ({@code matmul}, {@code attention}, {@code collective}, ...)
 * @param count how many times it runs in the step (layers &times; stages)
 * @param flops FLOPs of all occurrences, per device
 * @param bytes device-memory bytes of all occurrences, per device
 * @param seconds time of all occurrences
 * @param bound what limits it: {@code compute}, {@code memory} or {@code communication}
 */
public record OperationRow(String phase, String block, String name, String kind, long count, double flops, double bytes,
        double seconds, String bound) {
}
