package io.github.roofline4j.parallel;

import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.support.Checks;

/**
 * How a model is trained across devices: the parallel degrees, ZeRO sharding, batch and sequence,
 * recomputation, offload, precision and optimizer.
 *
 * <p>The devices are TP &times; PP &times; DP &times; CP, laid out in the order of the
 * {@link Placement} (by default Megatron-LM's: tensor-parallel ranks adjacent, then context, then
 * data, then pipeline). Tensor parallelism with optional
 * sequence parallelism splits each layer (Shoeybi et al. 2019; Korthikanti et al. 2022);
 * pipeline parallelism splits the layers into PP stages, each holding {@code virtualStages}
 * interleaved chunks (Narayanan et al. 2021 §2.2.2); context parallelism splits each sequence;
 * data parallelism replicates the rest, ZeRO sharding weights, gradients and optimizer states
 * over the data-parallel ranks (or, with hybrid sharding, over the ranks of one node only, FSDP's
 * HYBRID_SHARD). Expert parallelism spreads the routed experts over EP ranks drawn from the
 * DP &times; CP ranks (Megatron-Core: EP divides DP &times; CP); the experts' weights are then
 * replicated over DP &times; CP / EP ranks. The global batch of sequences is split into
 * micro-batches: gradient accumulation steps = global / (micro &times; DP), which is also the number of
 * micro-batches each pipeline runs per step.
 *
 * <p>Immutable and thread-safe. {@link #check(TransformerSpec, int)} names the rule a plan breaks.
 *
 * @param tensorParallel TP, &ge; 1
 * @param pipelineParallel PP, &ge; 1
 * @param virtualStages interleaved chunks per pipeline stage, &ge; 1 (1 = 1F1B)
 * @param dataParallel DP, &ge; 1
 * @param contextParallel CP, &ge; 1
 * @param expertParallel EP, &ge; 1
 * @param sequenceParallel whether sequence parallelism accompanies TP
 * @param zero what the data-parallel ranks shard
 * @param hybridSharding whether ZeRO shards within a node only and replicates across nodes
 * @param microBatchSize sequences per micro-batch, &ge; 1
 * @param globalBatchSize sequences per step, &ge; 1
 * @param sequenceTokens tokens per sequence, &ge; 1
 * @param recompute activation recomputation
 * @param offload what lives in host memory
 * @param precision the number formats
 * @param optimizer the optimizer
 * @param flashAttention whether attention is fused (FlashAttention), storing no score matrix
 * @param dropout whether the layers apply dropout (GPT-3 and Megatron-LM's GPT models do; Llama-style models do
 *        not), which stores a one-byte mask per dropped element
 * @param unevenPipeline whether PP may leave stages with unequal layer counts when PP does not
 *        divide the layers (see {@link #stageLayerCount(int, int)}); 1F1B only
 * @param placement the order of the parallel dimensions over the ranks, which decides which groups
 *        stay inside a scale-up domain ({@link RankLayout}); null means Megatron-LM's {@link Placement#TP_CP_DP_PP}
 */
public record ParallelPlan(
        int tensorParallel,
        int pipelineParallel,
        int virtualStages,
        int dataParallel,
        int contextParallel,
        int expertParallel,
        boolean sequenceParallel,
        ZeroStage zero,
        boolean hybridSharding,
        int microBatchSize,
        int globalBatchSize,
        long sequenceTokens,
        Recompute recompute,
        Offload offload,
        TrainingPrecision precision,
        Optimizer optimizer,
        boolean flashAttention,
        boolean dropout,
        boolean unevenPipeline,
        Placement placement) {

    /**
     * Validates what can be checked without the model.
     *
     * @throws IllegalArgumentException naming the rule a value breaks
     */
    public ParallelPlan {
        Checks.positive("tensorParallel", tensorParallel);
        Checks.positive("pipelineParallel", pipelineParallel);
        Checks.positive("virtualStages", virtualStages);
        Checks.positive("dataParallel", dataParallel);
        Checks.positive("contextParallel", contextParallel);
        Checks.positive("expertParallel", expertParallel);
        Checks.notNull("zero", zero);
        Checks.positive("microBatchSize", microBatchSize);
        Checks.positive("globalBatchSize", globalBatchSize);
        Checks.positive("sequenceTokens", sequenceTokens);
        Checks.notNull("recompute", recompute);
        Checks.notNull("offload", offload);
        Checks.notNull("precision", precision);
        Checks.notNull("optimizer", optimizer);
        if (placement == null) {
            placement = Placement.TP_CP_DP_PP;
        }
        long devices = (long) tensorParallel * pipelineParallel * dataParallel * contextParallel;
        if (devices > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TP x PP x DP x CP must be <= " + Integer.MAX_VALUE + ", was " + devices);
        }
        if (hybridSharding && zero == ZeroStage.NONE) {
            throw new IllegalArgumentException("hybridSharding needs a ZeRO stage >= 1: there is nothing to shard at ZeRO-0");
        }
        if (offload == Offload.OPTIMIZER_AND_PARAMETERS && zero != ZeroStage.PARAMETERS) {
            throw new IllegalArgumentException("offloading parameters needs ZeRO-3 (DeepSpeed's offload_param), was ZeRO-"
                    + zero.stage());
        }
        if (offload == Offload.OPTIMIZER && zero == ZeroStage.NONE) {
            throw new IllegalArgumentException("offloading optimizer states needs a ZeRO stage >= 1 (DeepSpeed's "
                    + "offload_optimizer), was ZeRO-0");
        }
        if (unevenPipeline && virtualStages > 1) {
            throw new IllegalArgumentException("unevenPipeline needs virtualStages 1 (the 1F1B schedule), was "
                    + virtualStages);
        }
        if (virtualStages > 1 && pipelineParallel == 1) {
            throw new IllegalArgumentException("virtualStages " + virtualStages + " needs pipeline parallelism > 1");
        }
        if (sequenceParallel && tensorParallel == 1) {
            throw new IllegalArgumentException("sequence parallelism needs tensor parallelism > 1");
        }
        if (sequenceTokens > Long.MAX_VALUE / globalBatchSize) {
            throw new IllegalArgumentException("globalBatchSize x sequenceTokens = " + globalBatchSize + " x "
                    + sequenceTokens + " overflows a long");
        }
        if (globalBatchSize % ((long) microBatchSize * dataParallel) != 0) {
            throw new IllegalArgumentException("globalBatchSize " + globalBatchSize
                    + " must be divisible by microBatchSize x dataParallel = " + (long) microBatchSize * dataParallel);
        }
        if (sequenceTokens % contextParallel != 0) {
            throw new IllegalArgumentException("contextParallel " + contextParallel + " must divide the sequence of "
                    + sequenceTokens + " tokens");
        }
        if ((dataParallel * (long) contextParallel) % expertParallel != 0) {
            throw new IllegalArgumentException("expertParallel " + expertParallel + " must divide dataParallel x "
                    + "contextParallel = " + dataParallel * (long) contextParallel);
        }
        int microBatches = globalBatchSize / (microBatchSize * dataParallel);
        if (virtualStages > 1 && microBatches % pipelineParallel != 0) {
            throw new IllegalArgumentException("the interleaved schedule needs the " + microBatches
                    + " micro-batches per step to be a multiple of pipelineParallel " + pipelineParallel);
        }
    }

    /**
     * Starts a plan: one device, 1F1B, no sharding, micro-batch 1, global batch 1, 2048 tokens, no
     * recomputation or offload, BF16 with Adam, FlashAttention, no dropout.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this plan.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder().tensorParallel(tensorParallel).pipelineParallel(pipelineParallel).virtualStages(virtualStages)
                .dataParallel(dataParallel).contextParallel(contextParallel).expertParallel(expertParallel)
                .sequenceParallel(sequenceParallel).zero(zero).hybridSharding(hybridSharding)
                .microBatchSize(microBatchSize).globalBatchSize(globalBatchSize).sequenceTokens(sequenceTokens)
                .recompute(recompute).offload(offload).precision(precision).optimizer(optimizer)
                .flashAttention(flashAttention).dropout(dropout).unevenPipeline(unevenPipeline).placement(placement);
    }

    /**
     * Returns the devices the plan uses.
     *
     * @return TP &times; PP &times; DP &times; CP
     */
    public int deviceCount() {
        return tensorParallel * pipelineParallel * dataParallel * contextParallel;
    }

    /**
     * Returns the micro-batches each pipeline runs per step (the gradient accumulation steps).
     *
     * @return global / (micro &times; DP)
     */
    public int microBatches() {
        return globalBatchSize / (microBatchSize * dataParallel);
    }

    /**
     * Returns the tokens of one step.
     *
     * @return global batch &times; sequence
     */
    public long tokensPerStep() {
        return Math.multiplyExact(globalBatchSize, sequenceTokens);
    }

    /**
     * Returns the layers of one pipeline stage. When PP divides the layers every stage holds
     * L/PP. Otherwise ({@link #unevenPipeline()}) every stage holds &lfloor;L/PP&rfloor; and the
     * r = L mod PP extra layers go to the stages after the first, so that the first and last
     * stages, which also hold the embedding and the output layer, stay light: BLOOM-176B's 70 layers
     * on 12 stages are 5, 6 &times; 10, 5 (DeepSpeed's partition of the 72 embedding and transformer
     * layers, bigscience {@code tr11-176B-ml}), Llama 3 405B's 126 on 16 are 7, 8 &times; 14, 7 (Llama 3
     * paper §3.3.2: one layer removed from the first and the last stage).
     *
     * @param layerCount the model's layers, &ge; PP
     * @param stage the stage, in [0, PP)
     * @return the layers of that stage (all its virtual chunks)
     */
    public int stageLayerCount(int layerCount, int stage) {
        Checks.inRange("stage", stage, 0, pipelineParallel - 1);
        if (layerCount < pipelineParallel) {
            throw new IllegalArgumentException("layerCount must be >= pipelineParallel " + pipelineParallel + ", was "
                    + layerCount);
        }
        int base = layerCount / pipelineParallel;
        int extra = layerCount % pipelineParallel;
        return base + (stage >= 1 && stage <= extra ? 1 : 0);
    }

    /**
     * Returns the index of the first layer of a pipeline stage, following {@link #stageLayerCount(int, int)}.
     *
     * @param layerCount the model's layers
     * @param stage the stage, in [0, PP)
     * @return the index of its first layer
     */
    public int stageFirstLayer(int layerCount, int stage) {
        Checks.inRange("stage", stage, 0, pipelineParallel - 1);
        if (layerCount < pipelineParallel) {
            throw new IllegalArgumentException("layerCount must be >= pipelineParallel " + pipelineParallel + ", was "
                    + layerCount);
        }
        int base = layerCount / pipelineParallel;
        int extra = layerCount % pipelineParallel;
        return stage * base + Math.min(Math.max(stage - 1, 0), extra);
    }

    /**
     * Checks the plan against a model and a device count.
     *
     * @param spec the model
     * @param devices the devices available
     * @throws IllegalArgumentException naming the rule the plan breaks: TP x PP x DP x CP not the
     *         device count, PP x virtual stages not dividing the layers (unless uneven stages are
     *         allowed), a sequence longer than the model's context, EP on a dense model. How TP and
     *         EP split the heads and experts is checked by the workload layer
     *         ({@link io.github.roofline4j.workload.LayerOptions#checkSplits}) when an estimate is made.
     */
    public void check(TransformerSpec spec, int devices) {
        Checks.notNull("spec", spec);
        if (deviceCount() != devices) {
            throw new IllegalArgumentException("TP x PP x DP x CP = " + tensorParallel + " x " + pipelineParallel + " x "
                    + dataParallel + " x " + contextParallel + " = " + deviceCount() + " must equal the " + devices
                    + " devices");
        }
        if (!spec.isDecoderOnly()) {
            throw new IllegalArgumentException("training is modelled for decoder-only models; " + spec.name()
                    + " is encoder-decoder");
        }
        int chunks = pipelineParallel * virtualStages;
        if (unevenPipeline ? spec.layerCount() < pipelineParallel : spec.layerCount() % chunks != 0) {
            throw new IllegalArgumentException(unevenPipeline
                    ? "pipelineParallel " + pipelineParallel + " exceeds the " + spec.layerCount() + " layers of " + spec.name()
                    : "pipelineParallel x virtualStages = " + chunks + " must divide the " + spec.layerCount()
                            + " layers of " + spec.name() + " (or allow unequal stages with unevenPipeline, 1F1B only)");
        }
        if (sequenceTokens > spec.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("sequence of " + sequenceTokens + " tokens exceeds the "
                    + spec.maxPositionEmbeddings() + "-token maximum of " + spec.name());
        }
        if (expertParallel > 1 && spec.moe().isEmpty()) {
            throw new IllegalArgumentException("expertParallel " + expertParallel + " needs a mixture-of-experts model; "
                    + spec.name() + " is dense");
        }
    }

    @Override
    public String toString() {
        return "TP" + tensorParallel + (sequenceParallel ? "+SP" : "") + " PP" + pipelineParallel
                + (virtualStages > 1 ? "x" + virtualStages : "") + " DP" + dataParallel
                + (contextParallel > 1 ? " CP" + contextParallel : "") + (expertParallel > 1 ? " EP" + expertParallel : "")
                + " ZeRO-" + zero.stage() + (hybridSharding ? " (hybrid)" : "") + ", micro " + microBatchSize + ", global "
                + globalBatchSize + " x " + sequenceTokens + " tokens, recompute " + recompute.name().toLowerCase()
                + ", " + precision + (offload != Offload.NONE ? ", offload " + offload : "")
                + (unevenPipeline ? ", uneven stages" : "")
                + (placement != Placement.TP_CP_DP_PP ? ", placement " + placement.label() : "");
    }

    /** Builds a {@link ParallelPlan}. Not thread-safe. */
    public static final class Builder {
        private int tensorParallel = 1;
        private int pipelineParallel = 1;
        private int virtualStages = 1;
        private int dataParallel = 1;
        private int contextParallel = 1;
        private int expertParallel = 1;
        private boolean sequenceParallel;
        private ZeroStage zero = ZeroStage.NONE;
        private boolean hybridSharding;
        private int microBatchSize = 1;
        private Integer globalBatchSize;
        private long sequenceTokens = 2048;
        private Recompute recompute = Recompute.NONE;
        private Offload offload = Offload.NONE;
        private TrainingPrecision precision = TrainingPrecision.BF16;
        private Optimizer optimizer = Optimizer.ADAM;
        private boolean flashAttention = true;
        private boolean dropout;
        private boolean unevenPipeline;
        private Placement placement = Placement.TP_CP_DP_PP;

        private Builder() {
        }

        /** @param v TP @return this builder */
        public Builder tensorParallel(int v) {
            tensorParallel = v;
            return this;
        }

        /** @param v PP @return this builder */
        public Builder pipelineParallel(int v) {
            pipelineParallel = v;
            return this;
        }

        /** @param v interleaved chunks per stage @return this builder */
        public Builder virtualStages(int v) {
            virtualStages = v;
            return this;
        }

        /** @param v DP @return this builder */
        public Builder dataParallel(int v) {
            dataParallel = v;
            return this;
        }

        /** @param v CP @return this builder */
        public Builder contextParallel(int v) {
            contextParallel = v;
            return this;
        }

        /** @param v EP @return this builder */
        public Builder expertParallel(int v) {
            expertParallel = v;
            return this;
        }

        /** @param v sequence parallelism @return this builder */
        public Builder sequenceParallel(boolean v) {
            sequenceParallel = v;
            return this;
        }

        /** @param v ZeRO stage @return this builder */
        public Builder zero(ZeroStage v) {
            zero = v;
            return this;
        }

        /** @param v hybrid sharding @return this builder */
        public Builder hybridSharding(boolean v) {
            hybridSharding = v;
            return this;
        }

        /** @param v sequences per micro-batch @return this builder */
        public Builder microBatchSize(int v) {
            microBatchSize = v;
            return this;
        }

        /** @param v sequences per step (default micro-batch x DP) @return this builder */
        public Builder globalBatchSize(int v) {
            globalBatchSize = v;
            return this;
        }

        /** @param v tokens per sequence @return this builder */
        public Builder sequenceTokens(long v) {
            sequenceTokens = v;
            return this;
        }

        /** @param v recomputation @return this builder */
        public Builder recompute(Recompute v) {
            recompute = v;
            return this;
        }

        /** @param v offload @return this builder */
        public Builder offload(Offload v) {
            offload = v;
            return this;
        }

        /** @param v precision @return this builder */
        public Builder precision(TrainingPrecision v) {
            precision = v;
            return this;
        }

        /** @param v optimizer @return this builder */
        public Builder optimizer(Optimizer v) {
            optimizer = v;
            return this;
        }

        /** @param v FlashAttention @return this builder */
        public Builder flashAttention(boolean v) {
            flashAttention = v;
            return this;
        }

        /** @param v dropout @return this builder */
        public Builder dropout(boolean v) {
            dropout = v;
            return this;
        }

        /** @param v whether stages may hold unequal layer counts @return this builder */
        public Builder unevenPipeline(boolean v) {
            unevenPipeline = v;
            return this;
        }

        /** @param v the order of the parallel dimensions over the ranks @return this builder */
        public Builder placement(Placement v) {
            placement = v;
            return this;
        }

        /**
         * Validates and builds the plan.
         *
         * @return the plan
         * @throws IllegalArgumentException naming the rule a value breaks
         */
        public ParallelPlan build() {
            int global = globalBatchSize != null ? globalBatchSize : Math.multiplyExact(microBatchSize, dataParallel);
            return new ParallelPlan(tensorParallel, pipelineParallel, virtualStages, dataParallel, contextParallel,
                    expertParallel, sequenceParallel, zero, hybridSharding, microBatchSize, global, sequenceTokens,
                    recompute, offload, precision, optimizer, flashAttention, dropout, unevenPipeline, placement);
        }
    }
}
