package io.github.roofline4j.memory;

import java.util.ArrayList;
import java.util.List;

import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.RankLayout;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.units.UnitFormat;

/**
 * The device memory of training, for the most loaded device (the pipeline stage with the most).
 *
 * <p>Parameters per device: the stage's layers split over TP (and routed experts over EP), with the
 * embedding on the first stage and the output head on the last (both, when PP = 1; a tied head is a
 * second copy on the last stage when PP &gt; 1, as Megatron-LM keeps it). In mixed precision
 * (Rajbhandari et al. 2020 §3.1): 2 bytes of weights, 2 of gradients and K of optimizer state per
 * parameter ({@link io.github.roofline4j.parallel.Optimizer}); ZeRO stage 1 divides the optimizer
 * states by the sharding group, stage 2 also the gradients, stage 3 also the weights. The sharding
 * group is DP &times; CP (Megatron's distributed optimizer) for the dense parameters and
 * DP &times; CP / EP for the routed experts; with hybrid sharding, only the ranks of one node.
 * Offloading the optimizer moves its states and the gradients to the host (ZeRO-Offload, Ren et
 * al. 2021); offloading the parameters too (ZeRO-3 only) leaves only the gathered layers of the
 * buffers on the device.
 *
 * <p>Activations: {@link ActivationMemory#perLayer} times the stage's layers times the micro-batches
 * that stage holds in flight ({@link ActivationMemory#inFlightMicroBatches(ParallelPlan, int)}; the
 * reported device is the most loaded stage, usually the first), plus, with recomputation, what one
 * layer regenerates during its backward pass (all but its input with full recomputation, the
 * attention core with selective), and on the last stage the FP32 logits.
 *
 * <p>Buffers: with data parallelism, two gradient buckets of 25 MB (PyTorch DDP's default
 * {@code bucket_cap_mb}, double buffered) and, with ZeRO-3, two layers of gathered weights (the layer in use and the prefetched
 * one). Available memory is the capacity times the memory utilization (a documented reserve for the
 * runtime, the communication library and allocator fragmentation; 0.95 by default in the estimator).
 *
 * <p>Immutable and thread-safe.
 *
 * @param weightBytes weights on the device
 * @param gradientBytes gradients on the device
 * @param optimizerBytes optimizer states on the device
 * @param activationBytes activations kept for the backward pass
 * @param bufferBytes communication buffers and gathered weights
 * @param totalBytes the sum
 * @param capacityBytes the device's memory
 * @param availableBytes capacity &times; memory utilization
 * @param parametersPerDevice parameters of the most loaded stage on one device (before ZeRO sharding)
 * @param expertParametersPerDevice the routed-expert part of them
 * @param violations what does not fit, needed versus available
 */
public record TrainingMemory(
        long weightBytes,
        long gradientBytes,
        long optimizerBytes,
        long activationBytes,
        long bufferBytes,
        long totalBytes,
        long capacityBytes,
        long availableBytes,
        long parametersPerDevice,
        long expertParametersPerDevice,
        List<String> violations) {

    /** PyTorch DDP's default gradient bucket, {@code bucket_cap_mb} = 25. */
    public static final long BUCKET_BYTES = 25_000_000L;

    /**
     * Copies the violations.
     */
    public TrainingMemory {
        violations = List.copyOf(violations);
    }

    /**
     * Tells whether everything fits.
     *
     * @return true when there are no violations
     */
    public boolean fits() {
        return violations.isEmpty();
    }

    /**
     * Computes the memory of training on the most loaded device.
     *
     * @param spec the model
     * @param plan the plan, checked against the model
     * @param devicesPerNode devices per node, for hybrid sharding
     * @param capacityBytes the device's memory, bytes, &gt; 0
     * @param memoryUtilization the usable fraction, in (0, 1]
     * @return the memory
     */
    public static TrainingMemory of(TransformerSpec spec, ParallelPlan plan, int devicesPerNode, long capacityBytes,
            double memoryUtilization) {
        Checks.positive("capacityBytes", capacityBytes);
        Checks.positive("devicesPerNode", devicesPerNode);
        StageMemory model = StageMemory.of(spec, plan);
        RankLayout layout = RankLayout.of(plan, devicesPerNode, devicesPerNode);
        int dpcp = plan.dataParallel() * plan.contextParallel();
        int denseGroup = shardGroup(plan, layout, 1, dpcp);
        int expertGroup = shardGroup(plan, layout, plan.expertParallel(), dpcp / plan.expertParallel());
        double[] parts = new double[StageMemory.PARTS];
        double[] worst = new double[StageMemory.PARTS];
        int p = plan.pipelineParallel();
        for (int stage = 0; stage < p; stage++) {
            model.stage(plan.stageFirstLayer(spec.layerCount(), stage), plan.stageLayerCount(spec.layerCount(), stage),
                    stage == 0, stage == p - 1, ActivationMemory.inFlightMicroBatches(plan, stage), plan.zero().stage(),
                    denseGroup, expertGroup, plan.optimizer().stateBytesPerParameter(), plan.offload(), dpcp > 1, parts, 0);
            if (stage == 0 || parts[StageMemory.TOTAL] > worst[StageMemory.TOTAL]) {
                System.arraycopy(parts, 0, worst, 0, parts.length);
            }
        }
        return ofParts(worst, capacityBytes, memoryUtilization);
    }

    /**
     * Builds the memory of the most loaded device from its parts as {@link StageMemory#stage} fills
     * them (the training step model computes them beside the time, so the estimator does not walk
     * the stages twice).
     *
     * @param parts the worst stage's parts, indexed by {@link StageMemory#WEIGHTS} and the other constants
     * @param capacityBytes the device's memory, bytes, &gt; 0
     * @param memoryUtilization the usable fraction, in (0, 1]
     * @return the memory
     * @throws IllegalArgumentException if a part exceeds 2^62 bytes
     */
    public static TrainingMemory ofParts(double[] parts, long capacityBytes, double memoryUtilization) {
        Checks.positive("capacityBytes", capacityBytes);
        long w = bytes("weights", parts[StageMemory.WEIGHTS]);
        long g = bytes("gradients", parts[StageMemory.GRADIENTS]);
        long o = bytes("optimizer states", parts[StageMemory.OPTIMIZER]);
        long a = bytes("activations", parts[StageMemory.ACTIVATIONS]);
        long b = bytes("buffers", parts[StageMemory.BUFFERS]);
        long total = bytes("training memory", (double) w + g + o + a + b);
        long available = availableBytes(capacityBytes, memoryUtilization);
        List<String> violations = new ArrayList<>();
        if (total > available) {
            violations.add("training needs " + UnitFormat.binaryBytes(total) + " per device (weights "
                    + UnitFormat.binaryBytes(w) + ", gradients " + UnitFormat.binaryBytes(g) + ", optimizer "
                    + UnitFormat.binaryBytes(o) + ", activations " + UnitFormat.binaryBytes(a) + ", buffers "
                    + UnitFormat.binaryBytes(b) + ") but " + UnitFormat.binaryBytes(available) + " is available");
        }
        return new TrainingMemory(w, g, o, a, b, total, capacityBytes, available, (long) parts[StageMemory.PARAMETERS],
                (long) parts[StageMemory.EXPERT_PARAMETERS], violations);
    }

    /**
     * Returns the memory training may use on a device.
     *
     * @param capacityBytes the device's memory
     * @param memoryUtilization the usable fraction
     * @return &lfloor;capacity &times; utilization&rfloor;
     */
    public static long availableBytes(long capacityBytes, double memoryUtilization) {
        return (long) Math.floor(capacityBytes * memoryUtilization);
    }

    /**
     * Returns the ranks ZeRO shards a group's parameters over: the group of {@code take} DP &times; CP
     * ranks spaced {@code skip} apart, or with hybrid sharding those of it in one node.
     *
     * @param plan the plan
     * @param layout its layout, with the node size
     * @param skip the spacing in DP &times; CP ranks (1 for the dense parameters, EP for the experts)
     * @param take the group's ranks
     * @return the sharding group
     */
    public static int shardGroup(ParallelPlan plan, RankLayout layout, int skip, int take) {
        return plan.hybridSharding() ? layout.dataRanksPerNode(skip, take) : take;
    }

    /** Bytes as a long; a figure beyond 2^62 (4.6 EB) per device is a plan no device can hold, and an error. */
    private static long bytes(String part, double value) {
        if (!(value <= 0x1p62)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s would need %.3g bytes per device; reduce microBatchSize or sequenceTokens", part, value));
        }
        return (long) Math.ceil(value);
    }
}
