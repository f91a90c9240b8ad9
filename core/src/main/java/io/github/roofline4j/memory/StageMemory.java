package io.github.roofline4j.memory;

import io.github.roofline4j.model.Moe;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.Offload;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.workload.AttentionKernel;
import io.github.roofline4j.workload.LayerOptions;
import io.github.roofline4j.workload.MlaForm;
import io.github.roofline4j.workload.TransformerStep;

/**
 * The training memory of one pipeline stage, split so that what depends only on the model, TP,
 * SP, EP, CP, the micro-batch, the sequence and recomputation is computed once, and a stage of any
 * plan that shares them costs a few multiplications: the arithmetic behind {@link TrainingMemory}
 * (whose javadoc gives the model and its sources), shared with the plan search.
 *
 * <p>Immutable and thread-safe; {@link #stage} allocates nothing.
 */
public final class StageMemory {

    /** Index of the weight bytes in the array {@link #stage} fills. */
    public static final int WEIGHTS = 0;
    /** Index of the gradient bytes. */
    public static final int GRADIENTS = 1;
    /** Index of the optimizer-state bytes. */
    public static final int OPTIMIZER = 2;
    /** Index of the activation bytes. */
    public static final int ACTIVATIONS = 3;
    /** Index of the buffer bytes. */
    public static final int BUFFERS = 4;
    /** Index of the parameters on the device (before sharding). */
    public static final int PARAMETERS = 5;
    /** Index of the routed-expert parameters among them. */
    public static final int EXPERT_PARAMETERS = 6;
    /** Index of the total bytes. */
    public static final int TOTAL = 7;
    /** The length of the array {@link #stage} fills. */
    public static final int PARTS = 8;

    private final int denseLayerCount;
    private final boolean tiedEmbeddings;
    private final double denseLayerParams;
    private final double moeLayerParams;
    private final double expertParamsPerMoeLayer;
    private final double tableParams;
    private final double finalNormParams;
    private final double denseActivations;
    private final double moeActivations;
    private final double denseRecomputePeak;
    private final double moeRecomputePeak;
    private final double logits;
    private final boolean recomputes;

    private StageMemory(TransformerSpec spec, ParallelPlan plan) {
        LayerOptions options = new LayerOptions(Precision.bf16(), plan.tensorParallel(), 1, AttentionKernel.FUSED,
                MlaForm.NAIVE, plan.sequenceParallel(), plan.expertParallel(), 1);
        boolean moe = spec.moe().isPresent() && spec.denseLayerCount() < spec.layerCount();
        boolean dense = spec.denseLayerCount() > 0;
        this.denseLayerCount = spec.denseLayerCount();
        this.tiedEmbeddings = spec.tiedEmbeddings();
        // BF16 weight bytes / 2 = parameters on the device
        this.denseLayerParams = dense ? TransformerStep.layerWeightBytes(spec, options, false) / 2 : 0;
        this.moeLayerParams = moe ? TransformerStep.layerWeightBytes(spec, options, true) / 2 : 0;
        if (moe) {
            Moe m = spec.moe().orElseThrow();
            double perExpert = (spec.mlp().gated() ? 3.0 : 2.0) * spec.hiddenSize() * m.expertIntermediateSize()
                    / plan.tensorParallel();
            this.expertParamsPerMoeLayer = perExpert * m.routedExperts() / plan.expertParallel();
        } else {
            this.expertParamsPerMoeLayer = 0;
        }
        this.tableParams = TransformerStep.vocabTableBytes(spec, options) / 2;
        this.finalNormParams = TransformerStep.finalNormBytes(spec, options) / 2;
        this.denseActivations = dense ? ActivationMemory.perLayer(spec, plan, false) : 0;
        this.moeActivations = moe ? ActivationMemory.perLayer(spec, plan, true) : 0;
        this.recomputes = plan.recompute() != Recompute.NONE;
        // the layer recomputed during its backward pass holds, for a moment, what recomputation did not keep
        this.denseRecomputePeak = dense && recomputes
                ? ActivationMemory.fullLayer(spec, plan, false) - denseActivations : 0;
        this.moeRecomputePeak = moe && recomputes ? ActivationMemory.fullLayer(spec, plan, true) - moeActivations : 0;
        this.logits = ActivationMemory.logits(spec, plan);
    }

    /**
     * Computes what is common to every stage of plans sharing the plan's TP, SP, EP, CP,
     * micro-batch, sequence, recomputation, FlashAttention and dropout.
     *
     * @param spec the model
     * @param plan the plan
     * @return the stage memory model
     * @throws IllegalArgumentException if TP or EP cannot split the model
     */
    public static StageMemory of(TransformerSpec spec, ParallelPlan plan) {
        return new StageMemory(spec, plan);
    }

    /**
     * Fills the memory parts of one stage's device.
     *
     * @param firstLayer the stage's first layer
     * @param stageLayers the stage's layers
     * @param embedding whether the stage holds the embedding
     * @param head whether the stage holds the output head
     * @param inFlight micro-batches whose activations the stage holds
     *        ({@link ActivationMemory#inFlightMicroBatches(int, int, long, int)})
     * @param zeroStage the ZeRO stage, 0 to 3
     * @param denseShardGroup the ranks the dense parameters are sharded over
     * @param expertShardGroup the ranks the routed experts are sharded over
     * @param optimizerBytesPerParameter K
     * @param offload what lives in host memory
     * @param dataParallel whether there is more than one DP &times; CP rank (gradient buckets)
     * @param out receives the parts at {@code offset} + {@link #WEIGHTS} and the other constants
     * @param offset where the parts start in {@code out}
     */
    public void stage(int firstLayer, int stageLayers, boolean embedding, boolean head, double inFlight,
            int zeroStage, int denseShardGroup, int expertShardGroup, int optimizerBytesPerParameter, Offload offload,
            boolean dataParallel, double[] out, int offset) {
        int dense = Math.max(0, Math.min(firstLayer + stageLayers, denseLayerCount) - firstLayer);
        int moeLayers = stageLayers - dense;
        int tables = (embedding ? 1 : 0) + (head && (!tiedEmbeddings || !embedding) ? 1 : 0);
        double vocab = tables * tableParams;
        double params = dense * denseLayerParams + moeLayers * moeLayerParams + vocab + (head ? finalNormParams : 0);
        double expertParams = moeLayers * expertParamsPerMoeLayer;
        double denseParams = params - expertParams;
        double weights = shard(denseParams, denseShardGroup, zeroStage >= 3) * 2
                + shard(expertParams, expertShardGroup, zeroStage >= 3) * 2;
        double gradients = shard(denseParams, denseShardGroup, zeroStage >= 2) * 2
                + shard(expertParams, expertShardGroup, zeroStage >= 2) * 2;
        double optimizer = (shard(denseParams, denseShardGroup, zeroStage >= 1)
                + shard(expertParams, expertShardGroup, zeroStage >= 1)) * optimizerBytesPerParameter;
        if (offload != Offload.NONE) {
            // ZeRO-Offload moves the optimizer states and the gradients to the host (Ren et al. 2021 §4.1)
            optimizer = 0;
            gradients = 0;
        }
        if (offload == Offload.OPTIMIZER_AND_PARAMETERS) {
            weights = 0; // streamed in: the gathered layers in the ZeRO-3 buffers below are all that is resident
        }
        double activations = (dense * denseActivations + moeLayers * moeActivations) * inFlight;
        if (recomputes && stageLayers > 0) {
            activations += moeLayers > 0 ? moeRecomputePeak : denseRecomputePeak;
        }
        if (head) {
            activations += logits;
        }
        double layerParams = stageLayers == 0 ? 0 : (params - vocab) / stageLayers;
        double buffers = (dataParallel ? 2.0 * TrainingMemory.BUCKET_BYTES : 0) + (zeroStage >= 3 ? 2 * 2 * layerParams : 0);
        out[offset + WEIGHTS] = weights;
        out[offset + GRADIENTS] = gradients;
        out[offset + OPTIMIZER] = optimizer;
        out[offset + ACTIVATIONS] = activations;
        out[offset + BUFFERS] = buffers;
        out[offset + PARAMETERS] = params;
        out[offset + EXPERT_PARAMETERS] = expertParams;
        // each part rounds up to whole bytes, as TrainingMemory reports them
        out[offset + TOTAL] = ceil(weights) + ceil(gradients) + ceil(optimizer) + ceil(activations) + ceil(buffers);
    }

    /** {@link Math#ceil} for the non-negative sizes here, by integer arithmetic (the search's hot path); infinite from 2^62. */
    private static double ceil(double x) {
        if (!(x < 0x1p62)) {
            return Double.POSITIVE_INFINITY; // beyond any device (TrainingMemory rejects it): never fits
        }
        long whole = (long) x;
        return whole < x ? whole + 1 : whole;
    }

    private static double shard(double params, int group, boolean sharded) {
        return sharded ? params / group : params;
    }
}
