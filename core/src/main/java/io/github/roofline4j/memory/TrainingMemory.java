package io.github.roofline4j.memory;

import java.util.ArrayList;
import java.util.List;

import io.github.roofline4j.model.Moe;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.Offload;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.units.UnitFormat;
import io.github.roofline4j.workload.AttentionKernel;
import io.github.roofline4j.workload.LayerOptions;
import io.github.roofline4j.workload.MlaForm;
import io.github.roofline4j.workload.TransformerStep;

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
        LayerOptions options = new LayerOptions(Precision.bf16(), plan.tensorParallel(), 1, AttentionKernel.FUSED,
                MlaForm.NAIVE, plan.sequenceParallel(), plan.expertParallel(), 1);
        TrainingMemory worst = null;
        for (int stage = 0; stage < plan.pipelineParallel(); stage++) {
            TransformerStep.Stage s = new TransformerStep.Stage(plan.stageFirstLayer(spec.layerCount(), stage),
                    plan.stageLayerCount(spec.layerCount(), stage), stage == 0,
                    stage == plan.pipelineParallel() - 1);
            TrainingMemory m = forStage(spec, plan, options, stage, s, devicesPerNode, capacityBytes, memoryUtilization);
            if (worst == null || m.totalBytes() > worst.totalBytes()) {
                worst = m;
            }
        }
        return worst;
    }

    private static TrainingMemory forStage(TransformerSpec spec, ParallelPlan plan, LayerOptions options, int index,
            TransformerStep.Stage stage, int devicesPerNode, long capacityBytes, double memoryUtilization) {
        // BF16 weight bytes / 2 = parameters on the device
        double params = TransformerStep.weightBytes(spec, options, stage) / 2.0;
        int moeLayers = Math.max(0, stage.layerCount() - Math.max(0, Math.min(stage.firstLayer() + stage.layerCount(),
                spec.denseLayerCount()) - stage.firstLayer()));
        double expertParams = 0;
        if (moeLayers > 0) {
            Moe m = spec.moe().orElseThrow();
            double perExpert = (spec.mlp().gated() ? 3.0 : 2.0) * spec.hiddenSize() * m.expertIntermediateSize()
                    / plan.tensorParallel();
            expertParams = moeLayers * perExpert * m.routedExperts() / plan.expertParallel();
        }
        double denseParams = params - expertParams;
        int dpcp = plan.dataParallel() * plan.contextParallel();
        int denseGroup = dpcp;
        int expertGroup = dpcp / plan.expertParallel();
        if (plan.hybridSharding()) {
            int perNode = Math.max(1, devicesPerNode / plan.tensorParallel());
            denseGroup = Math.max(1, Math.min(denseGroup, perNode));
            expertGroup = Math.max(1, Math.min(expertGroup, perNode));
        }
        ZeroStage z = plan.zero();
        double weights = shard(denseParams, denseGroup, z.stage() >= 3) * 2 + shard(expertParams, expertGroup,
                z.stage() >= 3) * 2;
        double gradients = shard(denseParams, denseGroup, z.stage() >= 2) * 2 + shard(expertParams, expertGroup,
                z.stage() >= 2) * 2;
        int k = plan.optimizer().stateBytesPerParameter();
        double optimizer = shard(denseParams, denseGroup, z.stage() >= 1) * k + shard(expertParams, expertGroup,
                z.stage() >= 1) * k;
        double layerParams = stage.layerCount() == 0 ? 0 : (params - vocabParams(spec, plan, stage)) / stage.layerCount();
        if (plan.offload() != Offload.NONE) {
            // ZeRO-Offload moves the optimizer states and the gradients to the host (Ren et al. 2021 §4.1)
            optimizer = 0;
            gradients = 0;
        }
        if (plan.offload() == Offload.OPTIMIZER_AND_PARAMETERS) {
            weights = 0; // streamed in: the gathered layers in the ZeRO-3 buffers below are all that is resident
        }
        int dense = Math.max(0, Math.min(stage.firstLayer() + stage.layerCount(), spec.denseLayerCount())
                - stage.firstLayer());
        double perMicroBatch = (dense > 0 ? dense * ActivationMemory.perLayer(spec, plan, false) : 0)
                + (moeLayers > 0 ? moeLayers * ActivationMemory.perLayer(spec, plan, true) : 0);
        double activations = perMicroBatch * ActivationMemory.inFlightMicroBatches(plan, index);
        if (plan.recompute() != io.github.roofline4j.model.Recompute.NONE && stage.layerCount() > 0) {
            // the layer recomputed during its backward pass holds, for a moment, what recomputation did not keep
            boolean moe = moeLayers > 0;
            activations += ActivationMemory.fullLayer(spec, plan, moe) - ActivationMemory.perLayer(spec, plan, moe);
        }
        if (stage.head()) {
            activations += ActivationMemory.logits(spec, plan);
        }
        double buffers = (dpcp > 1 ? 2.0 * BUCKET_BYTES : 0) + (z.stage() >= 3 ? 2 * 2 * layerParams : 0);
        long w = bytes("weights", weights);
        long g = bytes("gradients", gradients);
        long o = bytes("optimizer states", optimizer);
        long a = bytes("activations", activations);
        long b = bytes("buffers", buffers);
        long total = bytes("training memory", (double) w + g + o + a + b);
        long available = (long) Math.floor(capacityBytes * memoryUtilization);
        List<String> violations = new ArrayList<>();
        if (total > available) {
            violations.add("training needs " + UnitFormat.binaryBytes(total) + " per device (weights "
                    + UnitFormat.binaryBytes(w) + ", gradients " + UnitFormat.binaryBytes(g) + ", optimizer "
                    + UnitFormat.binaryBytes(o) + ", activations " + UnitFormat.binaryBytes(a) + ", buffers "
                    + UnitFormat.binaryBytes(b) + ") but " + UnitFormat.binaryBytes(available) + " is available");
        }
        return new TrainingMemory(w, g, o, a, b, total, capacityBytes, available, (long) params, (long) expertParams,
                violations);
    }

    /** Bytes as a long; a figure beyond 2^62 (4.6 EB) per device is a plan no device can hold, and an error. */
    private static long bytes(String part, double value) {
        if (!(value <= 0x1p62)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s would need %.3g bytes per device; reduce microBatchSize or sequenceTokens", part, value));
        }
        return (long) Math.ceil(value);
    }

    private static double vocabParams(TransformerSpec spec, ParallelPlan plan, TransformerStep.Stage stage) {
        double table = (double) ((spec.vocabSize() + plan.tensorParallel() - 1) / plan.tensorParallel()) * spec.hiddenSize()
                + (double) spec.positions().learnedRows() * spec.hiddenSize();
        int copies = (stage.embedding() ? 1 : 0) + (stage.head() && (!spec.tiedEmbeddings() || !stage.embedding()) ? 1 : 0);
        return copies * table;
    }

    private static double shard(double params, int group, boolean sharded) {
        return sharded ? params / group : params;
    }
}
