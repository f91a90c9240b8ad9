package io.github.roofline4j.roofline;

import java.util.ArrayList;
import java.util.List;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.workload.Block;
import io.github.roofline4j.workload.Operation;
import io.github.roofline4j.workload.OperationKind;
import io.github.roofline4j.workload.Workload;

/**
 * Turns operations into time on one accelerator: the roofline refined by an
 * {@link EfficiencyModel}, and collectives on the cluster's topology.
 *
 * <p>For an operation with F FLOPs in data type t and B bytes of device-memory traffic:
 * <ul>
 * <li>matmul: compute = F / (peak(t) &times; matmul efficiency of its shape and depth);</li>
 * <li>attention: compute = F / the faster of peak(t) &times; the attention efficiency of its
 *     queries and keys (tensor-core FlashAttention) and the vector rate &times; the attention
 *     fraction (split-key decode kernels);</li>
 * <li>elementwise, norm, embedding: compute = F / the vector FP32 rate (the matrix peak of t when
 *     the accelerator gives no vector rate);</li>
 * <li>memory = B / (bandwidth &times; achievable fraction);</li>
 * <li>time = max(compute, memory) + kernel overhead; a collective's time comes from the
 *     {@link CollectiveModel}.</li>
 * </ul>
 * peak(t) is the peak of t's {@linkplain Accelerator#computePath(DataType) compute path} (an FP8
 * operation on an A100 is priced at the BF16 peak).
 *
 * <p>The rates are resolved once, when the pricer is built; {@link #seconds(Operation)} allocates
 * nothing, so a search can price millions of operations. Immutable and thread-safe.
 */
public final class Pricer {

    private final Accelerator accelerator;
    private final EfficiencyModel efficiency;
    private final CollectiveModel collectives;
    private final double[] peakByType;
    private final double vectorFlopsPerSecond;
    private final double bandwidthBytesPerSecond;
    private final int computeUnits;

    /**
     * Builds a pricer for one accelerator without a topology (operations that communicate are refused).
     *
     * @param accelerator the accelerator
     * @param efficiency how much of its peaks is achieved
     */
    public Pricer(Accelerator accelerator, EfficiencyModel efficiency) {
        this(accelerator, efficiency, null);
    }

    /**
     * Builds a pricer for the accelerators of a cluster.
     *
     * @param cluster the cluster
     * @param efficiency how much of the peaks is achieved
     */
    public Pricer(ClusterSpec cluster, EfficiencyModel efficiency) {
        this(cluster.accelerator(), efficiency, new CollectiveModel(cluster, efficiency));
    }

    private Pricer(Accelerator accelerator, EfficiencyModel efficiency, CollectiveModel collectives) {
        this.accelerator = Checks.notNull("accelerator", accelerator);
        this.efficiency = Checks.notNull("efficiency", efficiency);
        this.collectives = collectives;
        DataType[] types = DataType.values();
        this.peakByType = new double[types.length];
        for (DataType t : types) {
            try {
                peakByType[t.ordinal()] = accelerator.peakFlopsPerSecond(t);
            } catch (IllegalArgumentException unsupported) {
                peakByType[t.ordinal()] = 0;
            }
        }
        Double vector = accelerator.vectorFlopsPerSecond().get(DataType.FP32);
        this.vectorFlopsPerSecond = vector != null ? vector : Math.max(peakByType[DataType.FP32.ordinal()],
                peakByType[DataType.BF16.ordinal()]);
        this.bandwidthBytesPerSecond = accelerator.memoryBandwidthBytesPerSecond() * efficiency.memoryBandwidthFraction();
        this.computeUnits = EfficiencyDefaults.units(accelerator);
    }

    /**
     * Returns the accelerator.
     *
     * @return the accelerator
     */
    public Accelerator accelerator() {
        return accelerator;
    }

    /**
     * Returns the efficiency model.
     *
     * @return the model
     */
    public EfficiencyModel efficiency() {
        return efficiency;
    }

    /**
     * Returns the time of an operation, without allocating.
     *
     * @param op the operation
     * @return seconds
     * @throws IllegalArgumentException if the accelerator has no rate for the operation's data type,
     *         or the operation communicates and the pricer has no topology
     */
    public double seconds(Operation op) {
        if (op.kind().isCommunication()) {
            return communicationSeconds(op);
        }
        return Math.max(computeSeconds(op), memorySeconds(op)) + efficiency.kernelOverheadSeconds();
    }

    /**
     * Returns the cost of an operation with its parts and bound.
     *
     * @param op the operation
     * @return the cost
     * @throws IllegalArgumentException as {@link #seconds(Operation)}
     */
    public OperationCost cost(Operation op) {
        if (op.kind().isCommunication()) {
            double c = communicationSeconds(op);
            return new OperationCost(0, 0, c, 0, c, Bound.COMMUNICATION);
        }
        double compute = computeSeconds(op);
        double memory = memorySeconds(op);
        double overhead = efficiency.kernelOverheadSeconds();
        return new OperationCost(compute, memory, 0, overhead, Math.max(compute, memory) + overhead,
                compute >= memory ? Bound.COMPUTE : Bound.MEMORY);
    }

    /**
     * Returns the compute time of an operation at its achievable rate.
     *
     * @param op the operation
     * @return seconds
     * @throws IllegalArgumentException if the accelerator has no rate for the operation's data type
     */
    public double computeSeconds(Operation op) {
        if (op.flops() == 0) {
            return 0;
        }
        return switch (op.kind()) {
            case MATMUL -> op.flops() / (peak(op) * efficiency.matmulEfficiency(op.dataType(), op.m(), op.n(), op.k(), op.batch(),
                    computeUnits));
            case ATTENTION -> op.flops() / Math.max(peak(op) * efficiency.attentionEfficiency(op.m(), op.k(), op.n()),
                    vectorFlopsPerSecond * efficiency.attentionFraction());
            case ELEMENTWISE, NORM, EMBEDDING -> op.flops() / vectorFlopsPerSecond;
            case COLLECTIVE, TRANSFER -> 0;
        };
    }

    /**
     * Returns the memory time of an operation at the achievable bandwidth.
     *
     * @param op the operation
     * @return seconds
     */
    public double memorySeconds(Operation op) {
        return op.bytes() / bandwidthBytesPerSecond;
    }

    private double communicationSeconds(Operation op) {
        if (collectives == null) {
            if (op.communication().groupSize() == 1) {
                return 0;
            }
            throw new IllegalArgumentException(op.name() + " communicates among " + op.communication().groupSize()
                    + " devices; price it with a cluster (Pricer(ClusterSpec, ...))");
        }
        return collectives.seconds(op.communication());
    }

    private double peak(Operation op) {
        double p = peakByType[op.dataType().ordinal()];
        if (p == 0) {
            // let the accelerator say why
            accelerator.peakFlopsPerSecond(op.dataType());
        }
        return p;
    }

    /**
     * Prices every operation of a workload.
     *
     * @param workload the workload
     * @return the total and the cost of each operation (per occurrence, with its repeat count)
     * @throws IllegalArgumentException as {@link #seconds(Operation)}
     */
    public WorkloadCost price(Workload workload) {
        List<WorkloadCost.Row> rows = new ArrayList<>();
        double total = 0;
        for (Block b : workload.blocks()) {
            for (Operation op : b.operations()) {
                OperationCost c = cost(op);
                rows.add(new WorkloadCost.Row(b.name(), op, b.repeat(), c));
                total += c.seconds() * b.repeat();
            }
        }
        return new WorkloadCost(workload.name(), total, rows);
    }

    /**
     * Returns the time of a workload, without building the per-operation table.
     *
     * @param workload the workload
     * @return seconds
     * @throws IllegalArgumentException as {@link #seconds(Operation)}
     */
    public double seconds(Workload workload) {
        double total = 0;
        for (Block b : workload.blocks()) {
            double block = 0;
            for (Operation op : b.operations()) {
                block += seconds(op);
            }
            total += block * b.repeat();
        }
        return total;
    }

    /**
     * Returns the roofline of the accelerator for a data type, at the achievable bandwidth.
     *
     * @param type the data type
     * @return the roofline
     */
    public Roofline roofline(DataType type) {
        return Roofline.of(accelerator, type);
    }

    /**
     * Tells whether a kind of operation counts as a kernel with a fixed overhead.
     *
     * @param kind the kind
     * @return false for collectives and transfers
     */
    static boolean isKernel(OperationKind kind) {
        return !kind.isCommunication();
    }
}
