package io.github.roofline4j.training;

import java.util.Locale;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.ComputePath;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.hardware.Interconnect;
import io.github.roofline4j.memory.ActivationMemory;
import io.github.roofline4j.memory.StageMemory;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.Offload;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.RankLayout;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.quant.WeightFormat;
import io.github.roofline4j.roofline.CollectiveModel;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.roofline.Pricer;
import io.github.roofline4j.workload.AttentionKernel;
import io.github.roofline4j.workload.Block;
import io.github.roofline4j.workload.CollectiveKind;
import io.github.roofline4j.workload.Communication;
import io.github.roofline4j.workload.LayerOptions;
import io.github.roofline4j.workload.MlaForm;
import io.github.roofline4j.workload.Operation;
import io.github.roofline4j.workload.StepShape;
import io.github.roofline4j.workload.TrainingStep;
import io.github.roofline4j.workload.TransformerStep;
import io.github.roofline4j.workload.Workload;

/**
 * The arithmetic of one training step, shared by {@link TrainingEstimator} and the plan search:
 * the model of the estimator's class javadoc (schedule, data-parallel overlap, optimizer, offload)
 * written once, over numbers that are computed once per <em>layer plan</em>.
 *
 * <p>A layer plan is what one layer's work depends on: the model, the cluster, TP (with SP), EP,
 * CP, the micro-batch, the sequence, recomputation, precision, kernels and where the TP, CP and EP
 * ranks sit. For it the model prices, once, the forward and backward passes of one layer of each
 * kind (dense or MoE, full or sliding-window attention), of the embedding and of the output head
 * ({@link TrainingStep} on one-layer stages), and one pipeline hand-off inside a domain and across
 * domains. A stage's pass is then the sum of its layers' (pricing is additive over operations), so
 * every plan that shares the layer plan (any PP, virtual stages, DP, ZeRO stage, sharding or offload)
 * is priced by {@link #evaluate} in time proportional to its {@link PipelineStages} runs, without
 * allocating.
 *
 * <p>Immutable and thread-safe.
 */
public final class StepModel {

    /** {@link #evaluate} result: the plan was priced in full. */
    public static final int PRICED = 0;
    /** {@link #evaluate} result: the plan does not fit in memory, and pricing stopped. */
    public static final int DOES_NOT_FIT = 1;
    /** {@link #evaluate} result: the step's lower bound exceeded the cutoff, and pricing stopped. */
    public static final int ABOVE_CUTOFF = 2;

    /** Index in the result array: step seconds. The first {@link StageMemory#PARTS} entries are the worst stage's memory. */
    public static final int STEP = StageMemory.PARTS;
    /** Index: the pipeline's seconds (micro-batches and bubble). */
    public static final int PIPELINE = STEP + 1;
    /** Index: the bubble's seconds. */
    public static final int BUBBLE = STEP + 2;
    /** Index: exposed data-parallel communication seconds. */
    public static final int DATA_PARALLEL = STEP + 3;
    /** Index: the optimizer update's seconds. */
    public static final int OPTIMIZER = STEP + 4;
    /** Index: exposed offload seconds. */
    public static final int OFFLOAD = STEP + 5;
    /** Index: communication seconds on the critical path. */
    public static final int COMMUNICATION = STEP + 6;
    /** Where {@link #evaluate} keeps the memory of the stage it is looking at. */
    private static final int SCRATCH = STEP + 7;
    /** The length of the result array. */
    public static final int RESULT_LENGTH = SCRATCH + StageMemory.PARTS;

    private static final int KINDS = 6;
    private static final int EMBEDDING = 4;
    private static final int HEAD = 5;

    private final TransformerSpec spec;
    private final LayerOptions options;
    private final StepShape shape;
    private final ParallelPlan layerPlan;
    private final Pricer pricer;
    private final CollectiveModel collectives;
    private final StageMemory memory;
    private final int contextRanksPerDomain;
    private final double[] forward = new double[KINDS];
    private final double[] backward = new double[KINDS];
    private final double[] forwardCommunication = new double[KINDS];
    private final double[] backwardCommunication = new double[KINDS];
    private final double handOffInside;
    private final double handOffAcross;
    private final double achievableBytesPerSecond;
    private final double kernelOverheadSeconds;
    private final double hostBytesPerSecond;
    private final int tensorParallel;
    private final int expertParallel;
    private final int optimizerBytes;

    private StepModel(TransformerSpec spec, ClusterSpec cluster, EfficiencyModel efficiency, ParallelPlan plan,
            RankLayout layout) {
        this.spec = spec;
        this.layerPlan = plan;
        this.pricer = new Pricer(cluster, efficiency);
        this.collectives = new CollectiveModel(cluster, efficiency);
        this.tensorParallel = plan.tensorParallel();
        this.expertParallel = plan.expertParallel();
        this.optimizerBytes = plan.optimizer().stateBytesPerParameter();
        Precision precision = switch (plan.precision()) {
            case FP8 -> new Precision(WeightFormat.parse("fp8"), DataType.FP8_E4M3, KvFormat.plain(DataType.BF16));
            case FP16 -> new Precision(WeightFormat.parse("fp16"), DataType.FP16, KvFormat.plain(DataType.FP16));
            case BF16 -> Precision.bf16();
        };
        this.options = new LayerOptions(precision, tensorParallel, layout.tensorRanksPerDomain(),
                plan.flashAttention() ? AttentionKernel.FUSED : AttentionKernel.UNFUSED, MlaForm.NAIVE,
                plan.sequenceParallel(), expertParallel, layout.dataRanksPerDomain(1, expertParallel));
        options.checkSplits(spec);
        this.shape = StepShape.training(plan.microBatchSize(), plan.sequenceTokens(), plan.contextParallel());
        this.contextRanksPerDomain = layout.contextRanksPerDomain();
        this.memory = StageMemory.of(spec, plan);
        // one layer of each kind present, found by the kind of each one-layer stage
        int layers = spec.layerCount();
        long sliding = spec.attention().slidingWindowLayerCount();
        int dense = spec.denseLayerCount();
        int kinds = (dense > 0 ? 1 : 0) + (dense < layers ? 1 : 0);
        kinds *= (sliding > 0 ? 1 : 0) + (sliding < layers ? 1 : 0);
        boolean[] seen = new boolean[4];
        for (int i = 0, found = 0; i < layers && found < kinds; i++) {
            TransformerStep.Composition c = new TransformerStep.Stage(i, 1, false, false).composition(spec);
            int kind = c.dense() == 1 ? 0 : c.denseSliding() == 1 ? 1 : c.moe() == 1 ? 2 : 3;
            if (!seen[kind]) {
                seen[kind] = true;
                found++;
                price(kind, new TransformerStep.Stage(i, 1, false, false));
            }
        }
        price(EMBEDDING, new TransformerStep.Stage(0, 0, true, false));
        price(HEAD, new TransformerStep.Stage(spec.layerCount(), 0, false, true));
        this.handOffInside = pricer.seconds(handOff(2));
        this.handOffAcross = cluster.scaleUpDomainDevices() < cluster.deviceCount() ? pricer.seconds(handOff(1))
                : handOffInside;
        Accelerator a = cluster.accelerator();
        this.achievableBytesPerSecond = a.memoryBandwidthBytesPerSecond() * efficiency.memoryBandwidthFraction();
        this.kernelOverheadSeconds = efficiency.kernelOverheadSeconds();
        this.hostBytesPerSecond = a.hostLink().map(Interconnect::perDirectionBytesPerSecond).orElse(0.0);
    }

    /**
     * Prices the layer plan of {@code plan}: its TP, SP, EP, CP, micro-batch, sequence,
     * recomputation, precision, optimizer, kernels and dropout; the rest of the plan is given to
     * {@link #evaluate}.
     *
     * @param spec the model
     * @param cluster the devices
     * @param efficiency how much of the peaks is achieved
     * @param plan a plan with the layer plan
     * @param layout where its ranks sit (TP, CP and EP ranks per domain are read)
     * @return the model
     * @throws IllegalArgumentException if the precision has no native matrix path on the
     *         accelerator, or TP or EP cannot split the model
     */
    public static StepModel of(TransformerSpec spec, ClusterSpec cluster, EfficiencyModel efficiency, ParallelPlan plan,
            RankLayout layout) {
        ComputePath path = cluster.accelerator().computePath(plan.precision().matmulType());
        if (!path.isNative() || !path.matrixUnits()) {
            throw new IllegalArgumentException("precision " + plan.precision().name().toLowerCase(Locale.ROOT) + ": "
                    + cluster.accelerator().id() + " has no native " + plan.precision().matmulType().displayName()
                    + " matrix path (" + path.describe() + "); choose a precision it runs natively");
        }
        return new StepModel(spec, cluster, efficiency, plan, layout);
    }

    private void price(int kind, TransformerStep.Stage stage) {
        TrainingStep.Passes passes = TrainingStep.build(spec, options, shape, stage, layerPlan.recompute(),
                layerPlan.contextParallel(), contextRanksPerDomain);
        forward[kind] = pricer.seconds(passes.forward());
        backward[kind] = pricer.seconds(passes.backward());
        forwardCommunication[kind] = communicationSeconds(passes.forward());
        backwardCommunication[kind] = communicationSeconds(passes.backward());
    }

    /** The time of a pass's collectives and transfers. */
    private double communicationSeconds(Workload pass) {
        double c = 0;
        for (Block b : pass.blocks()) {
            for (Operation op : b.operations()) {
                if (op.kind().isCommunication()) {
                    c += pricer.seconds(op) * b.repeat();
                }
            }
        }
        return c;
    }

    /** The send of one micro-batch's activations to the next stage, inside a domain (2 ranks per domain) or not. */
    private Operation handOff(int ranksPerDomain) {
        double a = options.activationStorageType().bytesPerElement();
        double bytes = shape.tokens() * (double) spec.hiddenSize() * a
                / (layerPlan.sequenceParallel() ? layerPlan.tensorParallel() : 1);
        return Operation.communication("pipeline_send", options.activationStorageType(),
                new Communication(CollectiveKind.SEND_RECV, bytes, 2, ranksPerDomain));
    }

    /**
     * Returns the layer options the passes were built with.
     *
     * @return formats, TP, EP and kernels
     */
    LayerOptions options() {
        return options;
    }

    /**
     * Returns the shape of one micro-batch.
     *
     * @return the shape
     */
    StepShape shape() {
        return shape;
    }

    /**
     * Returns the CP ranks per domain the passes were built with.
     *
     * @return ranks
     */
    int contextRanksPerDomain() {
        return contextRanksPerDomain;
    }

    /**
     * The data-parallel groups of a plan: ZeRO's sharding groups and how many members of each
     * collective's group share a scale-up domain. Computed once per layout and sharding choice.
     *
     * <p>Immutable and thread-safe.
     */
    public static final class Groups {
        final int dataContext;
        final int expertData;
        final int denseShard;
        final int expertShard;
        final int dataContextPerDomain;
        final int expertDataPerDomain;
        final int denseShardPerDomain;
        final int expertShardPerDomain;
        final int denseReplicasPerDomain;
        final int expertReplicasPerDomain;

        private Groups(RankLayout layout, boolean hybridSharding) {
            int ep = layout.expertParallel();
            dataContext = layout.dataParallel() * layout.contextParallel();
            expertData = dataContext / ep;
            // ZeRO shards over all DP x CP ranks, or with hybrid sharding those of one node, whose copies are then
            // all-reduced across the nodes (FSDP HYBRID_SHARD)
            denseShard = hybridSharding ? layout.dataRanksPerNode(1, dataContext) : dataContext;
            expertShard = hybridSharding ? layout.dataRanksPerNode(ep, expertData) : expertData;
            dataContextPerDomain = layout.dataRanksPerDomain(1, dataContext);
            expertDataPerDomain = layout.dataRanksPerDomain(ep, expertData);
            denseShardPerDomain = layout.dataRanksPerDomain(1, denseShard);
            expertShardPerDomain = layout.dataRanksPerDomain(ep, expertShard);
            denseReplicasPerDomain = layout.dataRanksPerDomain(denseShard, dataContext / denseShard);
            expertReplicasPerDomain = layout.dataRanksPerDomain(ep * expertShard, expertData / expertShard);
        }
    }

    /**
     * Returns everything of a layout that the pricing reads: the TP, CP and EP ranks per domain,
     * the data-parallel groups with and without hybrid sharding, and which pipeline hand-offs stay
     * inside a domain. Two layouts of the same plan sizes with equal signatures price every plan
     * alike, so a search needs to walk only one of them.
     *
     * @param layout where the ranks sit
     * @param stages the pipeline stages of that layout
     * @return the signature, compared with {@link java.util.Arrays#equals(long[], long[])}
     */
    public static long[] layoutSignature(RankLayout layout, PipelineStages stages) {
        Groups plain = new Groups(layout, false);
        Groups hybrid = new Groups(layout, true);
        int runs = stages.runStart.length;
        long[] s = new long[6 + 2 * 10 + runs];
        s[0] = layout.tensorRanksPerDomain();
        s[1] = layout.contextRanksPerDomain();
        s[2] = layout.dataRanksPerDomain(1, layout.expertParallel());
        s[3] = stages.insideHandOffs;
        s[4] = stages.acrossHandOffs;
        s[5] = stages.wrapInside ? 1 : 0;
        int i = 6;
        for (Groups g : new Groups[] {plain, hybrid}) {
            s[i++] = g.denseShard;
            s[i++] = g.expertShard;
            s[i++] = g.dataContextPerDomain;
            s[i++] = g.expertDataPerDomain;
            s[i++] = g.denseShardPerDomain;
            s[i++] = g.expertShardPerDomain;
            s[i++] = g.denseReplicasPerDomain;
            s[i++] = g.expertReplicasPerDomain;
            s[i++] = g.dataContext;
            s[i++] = g.expertData;
        }
        for (int r = 0; r < runs; r++) {
            s[i++] = stages.runHandOffs[r];
        }
        return s;
    }

    /**
     * Returns the data-parallel groups of a layout.
     *
     * @param layout where the ranks sit
     * @param hybridSharding whether ZeRO shards within a node
     * @return the groups
     */
    public static Groups groups(RankLayout layout, boolean hybridSharding) {
        return new Groups(layout, hybridSharding);
    }

    /**
     * Prices the rest of a plan on this layer plan, allocating nothing.
     *
     * @param stages the pipeline stages (of the plan's PP, uneven rule and layout)
     * @param virtualStages interleaved chunks per stage
     * @param microBatches micro-batches per step
     * @param zeroStage the ZeRO stage, 0 to 3
     * @param groups the data-parallel groups ({@link #groups(RankLayout, boolean)})
     * @param offload what lives in host memory
     * @param availableBytes the memory training may use on a device
     * @param stopIfNotFits whether to stop when the memory does not fit (the search does; the
     *        estimator prices such plans anyway)
     * @param cutoffSeconds stop when a lower bound of the step exceeds this (infinity: never)
     * @param out the result, length &ge; {@link #RESULT_LENGTH}: memory parts of the worst stage,
     *        then {@link #STEP} and the other times
     * @return {@link #PRICED}, {@link #DOES_NOT_FIT} or {@link #ABOVE_CUTOFF}
     */
    public int evaluate(PipelineStages stages, int virtualStages, int microBatches, int zeroStage, Groups groups,
            Offload offload, long availableBytes, boolean stopIfNotFits, double cutoffSeconds, double[] out) {
        int p = stages.stageCount;
        int v = virtualStages;
        int m = microBatches;
        int runs = stages.runStart.length;
        int dpcp = groups.dataContext;
        int expertDp = groups.expertData;
        int denseShard = groups.denseShard;
        int expertShard = groups.expertShard;

        // memory: the worst stage is the first of some run (the most micro-batches in flight)
        out[StageMemory.TOTAL] = -1;
        for (int r = 0; r < runs; r++) {
            double inFlight = ActivationMemory.inFlightMicroBatches(p, v, m, stages.runStart[r]);
            memory.stage(stages.runFirstLayer[r], stages.runLayers[r], stages.runEmbedding[r], stages.runHead[r],
                    inFlight, zeroStage, denseShard, expertShard, optimizerBytes, offload, dpcp > 1, out, SCRATCH);
            if (out[SCRATCH + StageMemory.TOTAL] > out[StageMemory.TOTAL]) {
                System.arraycopy(out, SCRATCH, out, 0, StageMemory.PARTS);
            }
        }
        boolean fits = out[StageMemory.TOTAL] <= availableBytes;
        if (!fits && stopIfNotFits) {
            return DOES_NOT_FIT;
        }
        double params = out[StageMemory.PARAMETERS];
        double expertParams = out[StageMemory.EXPERT_PARAMETERS];
        double denseParams = params - expertParams;

        // the pipeline: m x the slowest stage + (p - 1) / v x the mean stage (Narayanan et al. 2021 §2.2)
        double max = -1;
        double slowestForward = 0;
        double slowestBackward = 0;
        double slowestCommunication = 0;
        double sum = 0;
        // interleaved: the last stage hands each micro-batch's next chunk back to the first, v - 1 times, and the
        // gradients come back as often; the first and the last stage are runs of their own
        double wrap = p > 1 && v > 1 ? 2.0 * (v - 1) * (stages.wrapInside ? handOffInside : handOffAcross) : 0;
        for (int r = 0; r < runs; r++) {
            int[] k = stages.runKinds[r];
            double f = passSeconds(forward, k, stages.runEmbedding[r], stages.runHead[r]);
            double b = passSeconds(backward, k, stages.runEmbedding[r], stages.runHead[r]);
            double wrapped = r == 0 || r == runs - 1 ? wrap : 0;
            sum += stages.runLength[r] * (f + b) + wrapped;
            int combos = stages.runHandOffs[r];
            while (combos != 0) {
                int bit = Integer.numberOfTrailingZeros(combos);
                combos &= combos - 1;
                // forward activations out and gradients back over each link of the stage, once per chunk
                double handOffs = p > 1 ? 2.0 * v * (bit / 3 * handOffInside + bit % 3 * handOffAcross) + wrapped : 0;
                double t = f + b + handOffs;
                if (t > max) {
                    max = t;
                    slowestForward = f;
                    slowestBackward = b;
                    slowestCommunication = passSeconds(forwardCommunication, k, stages.runEmbedding[r], stages.runHead[r])
                            + passSeconds(backwardCommunication, k, stages.runEmbedding[r], stages.runHead[r])
                            + handOffs;
                }
            }
        }
        if (p > 1) {
            sum += 2.0 * v * (stages.insideHandOffs * handOffInside + stages.acrossHandOffs * handOffAcross);
        }
        double mean = sum / p;
        double bubble = (p - 1) / (double) v * mean;
        double pipeline = m * max + bubble;
        double firstForward = passSeconds(forward, stages.runKinds[0], stages.runEmbedding[0], stages.runHead[0]);

        // the optimizer update reads and writes master weights and states, reads the gradient, writes the weight
        double sharded = zeroStage >= 1 ? denseParams / denseShard + expertParams / expertShard : params;
        double optimizerSeconds = 0;
        double offloadSeconds = 0;
        if (offload == Offload.NONE) {
            optimizerSeconds = sharded * (2.0 * optimizerBytes + 4) / achievableBytesPerSecond + kernelOverheadSeconds;
        } else {
            offloadSeconds = sharded * 2 / hostBytesPerSecond;
        }
        if (pipeline + optimizerSeconds + offloadSeconds > cutoffSeconds) {
            return ABOVE_CUTOFF;
        }
        if (offload == Offload.OPTIMIZER_AND_PARAMETERS) {
            double stream = 2 * params * 2 / hostBytesPerSecond;
            offloadSeconds += m * Math.max(0, stream - (slowestForward + slowestBackward));
        }

        // data parallelism: the gradient reduction and weight gathers, overlapped as the estimator's javadoc says
        double reduceScatter = collective(CollectiveKind.REDUCE_SCATTER, denseParams * 2, denseShard,
                groups.denseShardPerDomain) + collective(CollectiveKind.REDUCE_SCATTER, expertParams * 2, expertShard,
                groups.expertShardPerDomain);
        double allGather = collective(CollectiveKind.ALL_GATHER, denseParams * 2, denseShard, groups.denseShardPerDomain)
                + collective(CollectiveKind.ALL_GATHER, expertParams * 2, expertShard, groups.expertShardPerDomain);
        double replicas = collective(CollectiveKind.ALL_REDUCE, denseParams * 2 / denseShard, dpcp / denseShard,
                groups.denseReplicasPerDomain) + collective(CollectiveKind.ALL_REDUCE, expertParams * 2 / expertShard,
                expertDp / expertShard, groups.expertReplicasPerDomain);
        double dataParallelSeconds = switch (zeroStage) {
            // one all-reduce of the gradients, overlapped with the last backward pass
            case 0 -> Math.max(0, collective(CollectiveKind.ALL_REDUCE, denseParams * 2, dpcp, groups.dataContextPerDomain)
                    + collective(CollectiveKind.ALL_REDUCE, expertParams * 2, expertDp, groups.expertDataPerDomain)
                    - slowestBackward);
            // reduce-scatter once per step behind the last backward pass; the updated weights gathered behind
            // the first forward pass of the next step
            case 1 -> Math.max(0, reduceScatter + replicas - slowestBackward) + Math.max(0, allGather - firstForward);
            // sharded gradients cannot accumulate: a reduce-scatter behind every backward pass
            case 2 -> m * Math.max(0, reduceScatter - slowestBackward) + replicas + Math.max(0, allGather - firstForward);
            // weights gathered for the forward and again for the backward pass of every micro-batch
            default -> m * Math.max(0, 2 * allGather + reduceScatter - (slowestForward + slowestBackward)) + replicas;
        };
        out[STEP] = pipeline + dataParallelSeconds + optimizerSeconds + offloadSeconds;
        out[PIPELINE] = pipeline;
        out[BUBBLE] = bubble;
        out[DATA_PARALLEL] = dataParallelSeconds;
        out[OPTIMIZER] = optimizerSeconds;
        out[OFFLOAD] = offloadSeconds;
        out[COMMUNICATION] = m * slowestCommunication + dataParallelSeconds + offloadSeconds;
        return PRICED;
    }

    private static double passSeconds(double[] unit, int[] kinds, boolean embedding, boolean head) {
        double s = kinds[0] * unit[0] + kinds[1] * unit[1] + kinds[2] * unit[2] + kinds[3] * unit[3];
        if (embedding) {
            s += unit[EMBEDDING];
        }
        if (head) {
            s += unit[HEAD];
        }
        return s;
    }

    private double collective(CollectiveKind kind, double bytes, int group, int perDomain) {
        if (bytes <= 0 || group <= 1) {
            return 0;
        }
        return collectives.seconds(kind, bytes, group, Math.min(group, perDomain));
    }
}
