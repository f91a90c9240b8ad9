package io.github.roofline4j.workload;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.units.UnitFormat;

/**
 * One kernel (or one collective) of a step, with what it costs: FLOPs, bytes read and written
 * in device memory, the data type of its math and, for matrix products and attention, its shape.
 *
 * <p>Shapes: a {@link OperationKind#MATMUL} is {@code batch} independent products of an
 * (m &times; k) by a (k &times; n) matrix (batch 1 for a plain GEMM; the experts of an MoE layer,
 * or the heads of a latent attention, as batches). An {@link OperationKind#ATTENTION} has
 * {@code m} new queries per sequence attending to {@code n} keys on average (causal masking
 * counted), {@code k} query heads sharing each KV head, over {@code batch} = sequences &times; KV
 * heads. Other kinds have zero shapes.
 * Communication operations carry their {@link Communication} and no FLOPs.
 *
 * <p>Values are per device and per occurrence; a {@link Block} repeats them. Operations are
 * built once per layer and reused: pricing reads their fields and allocates nothing.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name a short name, such as {@code qkv_proj}
 * @param kind what the operation is
 * @param dataType the type its math runs in
 * @param flops floating-point (or integer) operations, &ge; 0
 * @param bytesRead device-memory bytes read, &ge; 0
 * @param bytesWritten device-memory bytes written, &ge; 0
 * @param m rows of the output (new queries per sequence for attention), &ge; 0
 * @param n columns of the output (mean keys per query for attention), &ge; 0
 * @param k the reduction dimension (query heads per KV head for attention), &ge; 0
 * @param batch independent products, &ge; 0
 * @param communication the transfer of a communication operation, null otherwise
 */
public record Operation(
        String name,
        OperationKind kind,
        DataType dataType,
        double flops,
        double bytesRead,
        double bytesWritten,
        long m,
        long n,
        long k,
        long batch,
        Communication communication) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a value is negative or non-finite, or the communication
     *         does not match the kind
     */
    public Operation {
        Checks.notBlank("name", name);
        Checks.notNull("kind", kind);
        Checks.notNull("dataType", dataType);
        Checks.nonNegative("flops", flops);
        Checks.nonNegative("bytesRead", bytesRead);
        Checks.nonNegative("bytesWritten", bytesWritten);
        Checks.nonNegative("m", m);
        Checks.nonNegative("n", n);
        Checks.nonNegative("k", k);
        Checks.nonNegative("batch", batch);
        if (kind.isCommunication() != (communication != null)) {
            throw new IllegalArgumentException("communication must be given exactly for COLLECTIVE and TRANSFER operations, "
                    + name + " is " + kind);
        }
    }

    /**
     * A matrix product of (m &times; k) by (k &times; n), {@code batch} times.
     *
     * @param name the name
     * @param type the data type of the math
     * @param m rows of the output (tokens)
     * @param n columns of the output
     * @param k the reduction dimension
     * @param batch independent products
     * @param bytesRead bytes read: the weights in their storage format and the input activations
     * @param bytesWritten bytes written: the output activations
     * @return the operation, with 2&middot;m&middot;n&middot;k&middot;batch FLOPs
     */
    public static Operation matmul(String name, DataType type, long m, long n, long k, long batch, double bytesRead,
            double bytesWritten) {
        return new Operation(name, OperationKind.MATMUL, type, 2.0 * m * n * k * batch, bytesRead, bytesWritten, m, n,
                k, batch, null);
    }

    /**
     * A memory-bound operation without a matrix shape (elementwise, norm, embedding lookup).
     *
     * @param name the name
     * @param kind ELEMENTWISE, NORM or EMBEDDING
     * @param type the data type of the math
     * @param flops FLOPs
     * @param bytesRead bytes read
     * @param bytesWritten bytes written
     * @return the operation
     */
    public static Operation memory(String name, OperationKind kind, DataType type, double flops, double bytesRead,
            double bytesWritten) {
        return new Operation(name, kind, type, flops, bytesRead, bytesWritten, 0, 0, 0, 0, null);
    }

    /**
     * A collective or transfer.
     *
     * @param name the name
     * @param type the data type of the buffer
     * @param communication what moves
     * @return the operation
     */
    public static Operation communication(String name, DataType type, Communication communication) {
        OperationKind kind = communication.kind() == CollectiveKind.SEND_RECV ? OperationKind.TRANSFER
                : OperationKind.COLLECTIVE;
        return new Operation(name, kind, type, 0, 0, 0, 0, 0, 0, 0, communication);
    }

    /**
     * Returns the device-memory traffic.
     *
     * @return bytes read + bytes written
     */
    public double bytes() {
        return bytesRead + bytesWritten;
    }

    /**
     * Returns the arithmetic intensity.
     *
     * @return FLOPs per byte of device-memory traffic; 0 without traffic
     */
    public double flopsPerByte() {
        double b = bytes();
        return b == 0 ? 0 : flops / b;
    }

    @Override
    public String toString() {
        return name + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ", " + dataType.displayName() + "): "
                + UnitFormat.flops(flops) + ", " + UnitFormat.bytes(bytes())
                + (communication == null ? "" : ", " + communication.kind() + " of " + UnitFormat.bytes(communication.bytes())
                        + " over " + communication.groupSize());
    }
}
