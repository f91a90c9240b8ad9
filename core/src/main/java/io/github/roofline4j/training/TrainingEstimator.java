package io.github.roofline4j.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.ComputePath;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.hardware.Interconnect;
import io.github.roofline4j.inference.OperationRow;
import io.github.roofline4j.memory.TrainingMemory;
import io.github.roofline4j.model.AttentionMask;
import io.github.roofline4j.model.TrainingFlops;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.Offload;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.TrainingPrecision;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.quant.WeightFormat;
import io.github.roofline4j.roofline.CollectiveModel;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.roofline.Pricer;
import io.github.roofline4j.roofline.WorkloadCost;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.workload.AttentionKernel;
import io.github.roofline4j.workload.CollectiveKind;
import io.github.roofline4j.workload.Communication;
import io.github.roofline4j.workload.LayerOptions;
import io.github.roofline4j.workload.MlaForm;
import io.github.roofline4j.workload.Operation;
import io.github.roofline4j.workload.StepShape;
import io.github.roofline4j.workload.TrainingStep;
import io.github.roofline4j.workload.TransformerStep;

/**
 * Estimates a training step: the passes of each micro-batch on each pipeline stage
 * ({@link TrainingStep}, priced by {@link Pricer}), the pipeline schedule, data-parallel
 * communication, the optimizer update and offload transfers.
 *
 * <h2>Placement</h2>
 * Ranks are laid out TP fastest, then CP, then DP, then PP (Megatron-LM's order). A group of g ranks
 * spaced s apart keeps min(g, D / s) ranks in each scale-up domain of D devices; that decides which
 * collectives cross the network.
 *
 * <h2>Schedule</h2>
 * With t<sub>i</sub> the forward plus backward time of one micro-batch on stage i (hand-offs
 * included) and m micro-batches: the 1F1B schedule takes m&middot;max t<sub>i</sub> + (p &minus; 1)
 * &middot;mean t<sub>i</sub>, and the interleaved schedule with v chunks per device m&middot;max
 * t<sub>i</sub> + (p &minus; 1)/v&middot;mean t<sub>i</sub> (Narayanan et al. 2021 §2.2: bubble
 * fraction (p &minus; 1)/(v&middot;m)), sending v times as many hand-offs.
 *
 * <h2>Data parallelism and overlap</h2>
 * Gradients (16-bit) are all-reduced over DP &times; CP without ZeRO, reduce-scattered and the
 * weights all-gathered with ZeRO-1/2 (expert weights over their DP &times; CP / EP group). The
 * gradient reduction overlaps with the backward pass of the last micro-batch, the weight gather with
 * the forward pass of the first (Megatron-LM's {@code overlap_grad_reduce} and
 * {@code overlap_param_gather}); only the excess is exposed. ZeRO-3 gathers the weights before each
 * forward and backward pass and reduce-scatters the gradients after each backward pass, overlapped
 * with that micro-batch's computation.
 *
 * <h2>Optimizer and offload</h2>
 * The update reads and writes the FP32 master weights and optimizer states, reads the gradient and
 * writes the 16-bit weight: 2K + 4 bytes per (sharded) parameter, at the achievable bandwidth.
 * Offloaded optimizer states move the gradients to the host and the weights back over the host link
 * (not overlapped; the host's update itself is not priced: ZeRO-Offload overlaps it with the next
 * step); offloaded weights also stream in for each pass, overlapped with the computation.
 *
 * <p>Stateless and thread-safe.
 */
public final class TrainingEstimator {

    /** The fraction of device memory training may use: 5 % is left to the runtime, NCCL and allocator fragmentation. */
    public static final double DEFAULT_MEMORY_UTILIZATION = 0.95;

    private TrainingEstimator() {
    }

    /**
     * A token budget for a whole run.
     *
     * @param tokens tokens to train on, &gt; 0
     * @param pricePerDeviceHour the price of one device-hour in dollars, or null
     */
    public record Budget(double tokens, Double pricePerDeviceHour) {
        /**
         * Validates the budget.
         *
         * @throws IllegalArgumentException if a value is not positive and finite
         */
        public Budget {
            Checks.positive("tokens", tokens);
            if (pricePerDeviceHour != null) {
                Checks.nonNegative("pricePerDeviceHour", pricePerDeviceHour);
            }
        }
    }

    /**
     * Estimates training on a cluster with the accelerator's default efficiency model.
     *
     * @param spec the model
     * @param cluster the devices; the plan must use all of them
     * @param plan the plan
     * @param budget a token budget, or null
     * @return the estimate
     * @throws IllegalArgumentException naming the rule if the plan cannot train the model on the cluster
     */
    public static TrainingEstimate estimate(TransformerSpec spec, ClusterSpec cluster, ParallelPlan plan, Budget budget) {
        return estimate(spec, cluster, plan, budget, EfficiencyDefaults.forAccelerator(cluster.accelerator()),
                DEFAULT_MEMORY_UTILIZATION);
    }

    /**
     * Estimates training.
     *
     * @param spec the model
     * @param cluster the devices; the plan must use all of them
     * @param plan the plan
     * @param budget a token budget, or null
     * @param efficiency how much of the peaks is achieved
     * @param memoryUtilization the usable fraction of device memory, in (0, 1]
     * @return the estimate
     * @throws IllegalArgumentException naming the rule if the plan cannot train the model on the cluster
     */
    public static TrainingEstimate estimate(TransformerSpec spec, ClusterSpec cluster, ParallelPlan plan, Budget budget,
            EfficiencyModel efficiency, double memoryUtilization) {
        Checks.notNull("spec", spec);
        Checks.notNull("cluster", cluster);
        Checks.notNull("plan", plan);
        Checks.notNull("efficiency", efficiency);
        if (!(memoryUtilization > 0 && memoryUtilization <= 1)) {
            throw new IllegalArgumentException("memoryUtilization must be in (0, 1], was " + memoryUtilization);
        }
        plan.check(spec, cluster.deviceCount());
        ComputePath path = cluster.accelerator().computePath(plan.precision().matmulType());
        if (!path.isNative() || !path.matrixUnits()) {
            throw new IllegalArgumentException("precision " + plan.precision().name().toLowerCase(Locale.ROOT) + ": "
                    + cluster.accelerator().id() + " has no native " + plan.precision().matmulType().displayName()
                    + " matrix path (" + path.describe() + "); choose a precision it runs natively");
        }
        if (plan.hybridSharding() && plan.tensorParallel() * plan.contextParallel() >= cluster.devicesPerNode()) {
            throw new IllegalArgumentException("hybridSharding needs more than one data-parallel rank per node: TP x CP = "
                    + plan.tensorParallel() * plan.contextParallel() + " fills the " + cluster.devicesPerNode()
                    + "-device node of " + cluster.id());
        }
        return new Run(spec, cluster, plan, efficiency, memoryUtilization).estimate(budget);
    }

    /** One estimate's state. */
    private static final class Run {
        private final TransformerSpec spec;
        private final ClusterSpec cluster;
        private final ParallelPlan plan;
        private final EfficiencyModel efficiency;
        private final double memoryUtilization;
        private final Pricer pricer;
        private final CollectiveModel collectives;
        private final LayerOptions options;
        private final int domain;

        Run(TransformerSpec spec, ClusterSpec cluster, ParallelPlan plan, EfficiencyModel efficiency,
                double memoryUtilization) {
            this.spec = spec;
            this.cluster = cluster;
            this.plan = plan;
            this.efficiency = efficiency;
            this.memoryUtilization = memoryUtilization;
            this.pricer = new Pricer(cluster, efficiency);
            this.collectives = new CollectiveModel(cluster, efficiency);
            this.domain = cluster.scaleUpDomainDevices();
            int tp = plan.tensorParallel();
            Precision precision = switch (plan.precision()) {
                case FP8 -> new Precision(WeightFormat.parse("fp8"), DataType.FP8_E4M3, KvFormat.plain(DataType.BF16));
                case FP16 -> new Precision(WeightFormat.parse("fp16"), DataType.FP16, KvFormat.plain(DataType.FP16));
                case BF16 -> Precision.bf16();
            };
            this.options = new LayerOptions(precision, tp, perDomain(tp, 1), plan.flashAttention() ? AttentionKernel.FUSED
                    : AttentionKernel.UNFUSED, MlaForm.NAIVE, plan.sequenceParallel(), plan.expertParallel(),
                    perDomain(plan.expertParallel(), tp));
            options.checkSplits(spec);
        }

        /** Ranks of a group of g, spaced {@code stride} apart, that share one scale-up domain. */
        private int perDomain(int g, int stride) {
            if (stride >= domain) {
                return 1;
            }
            return gcd(g, Math.max(1, domain / stride));
        }

        TrainingEstimate estimate(Budget budget) {
            int p = plan.pipelineParallel();
            int v = plan.virtualStages();
            int m = plan.microBatches();
            StepShape shape = StepShape.training(plan.microBatchSize(), plan.sequenceTokens(), plan.contextParallel());
            int cpPerDomain = perDomain(plan.contextParallel(), plan.tensorParallel());

            double[] stageSeconds = new double[p];
            double[] forwardSeconds = new double[p];
            double[] backwardSeconds = new double[p];
            double[] stageCommunication = new double[p];
            List<OperationRow> rows = new ArrayList<>();
            Map<TransformerStep.Composition, WorkloadCost[]> priced = new HashMap<>();
            for (int s = 0; s < p; s++) {
                TransformerStep.Stage stage = new TransformerStep.Stage(plan.stageFirstLayer(spec.layerCount(), s),
                        plan.stageLayerCount(spec.layerCount(), s), s == 0, s == p - 1);
                // stages of the same composition (the middle ones, usually) are built and priced once
                WorkloadCost[] cost = priced.computeIfAbsent(stage.composition(spec), k -> {
                    TrainingStep.Passes passes = TrainingStep.build(spec, options, shape, stage, plan.recompute(),
                            plan.contextParallel(), cpPerDomain);
                    return new WorkloadCost[] {pricer.price(passes.forward()), pricer.price(passes.backward())};
                });
                WorkloadCost f = cost[0];
                WorkloadCost b = cost[1];
                double handOffs = 0;
                if (p > 1) {
                    // forward activations out and gradients back over each link of the stage, once per chunk
                    double links = (s < p - 1 ? pricer.seconds(handOff(shape, s)) : 0)
                            + (s > 0 ? pricer.seconds(handOff(shape, s - 1)) : 0);
                    handOffs = 2 * v * links;
                }
                forwardSeconds[s] = f.seconds();
                backwardSeconds[s] = b.seconds();
                stageSeconds[s] = f.seconds() + b.seconds() + handOffs;
                stageCommunication[s] = communication(f) + communication(b) + handOffs;
                if (s == 0) {
                    rows.addAll(rows("forward", f));
                    rows.addAll(rows("backward", b));
                }
            }
            double max = 0;
            double mean = 0;
            int slowest = 0;
            for (int s = 0; s < p; s++) {
                if (stageSeconds[s] > max) {
                    max = stageSeconds[s];
                    slowest = s;
                }
                mean += stageSeconds[s] / p;
            }
            double bubble = (p - 1) / (double) v * mean;
            double pipeline = m * max + bubble;

            TrainingMemory memory = TrainingMemory.of(spec, plan, cluster.devicesPerNode(), cluster.accelerator().memoryBytes(),
                    memoryUtilization);
            double params = memory.parametersPerDevice();
            double expertParams = memory.expertParametersPerDevice();
            double denseParams = params - expertParams;
            int tp = plan.tensorParallel();
            int dpcp = plan.dataParallel() * plan.contextParallel();
            int expertDp = dpcp / plan.expertParallel();
            int dpPerDomain = perDomain(dpcp, tp);
            int expertDpPerDomain = perDomain(expertDp, tp * plan.expertParallel());
            int zero = plan.zero().stage();
            // ZeRO shards over the sharding group: all DP x CP ranks, or with hybrid sharding those of one node,
            // whose copies are then all-reduced across the nodes (FSDP HYBRID_SHARD)
            int denseShard = shardGroup(dpcp);
            int expertShard = shardGroup(expertDp);
            double reduceScatter = collective(CollectiveKind.REDUCE_SCATTER, denseParams * 2, denseShard,
                    perDomain(denseShard, tp)) + collective(CollectiveKind.REDUCE_SCATTER, expertParams * 2, expertShard,
                    perDomain(expertShard, tp * plan.expertParallel()));
            double allGather = collective(CollectiveKind.ALL_GATHER, denseParams * 2, denseShard, perDomain(denseShard, tp))
                    + collective(CollectiveKind.ALL_GATHER, expertParams * 2, expertShard,
                            perDomain(expertShard, tp * plan.expertParallel()));
            double replicas = collective(CollectiveKind.ALL_REDUCE, denseParams * 2 / denseShard, dpcp / denseShard,
                    perDomain(dpcp / denseShard, tp * denseShard)) + collective(CollectiveKind.ALL_REDUCE,
                    expertParams * 2 / expertShard, expertDp / expertShard,
                    perDomain(expertDp / expertShard, tp * plan.expertParallel() * expertShard));
            double dataParallel = switch (zero) {
                // one all-reduce of the gradients, overlapped with the last backward pass
                case 0 -> Math.max(0, collective(CollectiveKind.ALL_REDUCE, denseParams * 2, dpcp, dpPerDomain)
                        + collective(CollectiveKind.ALL_REDUCE, expertParams * 2, expertDp, expertDpPerDomain)
                        - backwardSeconds[slowest]);
                // reduce-scatter once per step behind the last backward pass; the updated weights gathered behind
                // the first forward pass of the next step
                case 1 -> Math.max(0, reduceScatter + replicas - backwardSeconds[slowest])
                        + Math.max(0, allGather - forwardSeconds[0]);
                // sharded gradients cannot accumulate: a reduce-scatter behind every backward pass
                case 2 -> m * Math.max(0, reduceScatter - backwardSeconds[slowest]) + replicas
                        + Math.max(0, allGather - forwardSeconds[0]);
                // weights gathered for the forward and again for the backward pass of every micro-batch
                default -> m * Math.max(0, 2 * allGather + reduceScatter - (forwardSeconds[slowest]
                        + backwardSeconds[slowest])) + replicas;
            };

            double sharded = zero >= 1 ? denseParams / denseShard + expertParams / expertShard : params;
            int k = plan.optimizer().stateBytesPerParameter();
            double optimizerSeconds = 0;
            double offloadSeconds = 0;
            Accelerator a = cluster.accelerator();
            double bandwidth = a.memoryBandwidthBytesPerSecond() * efficiency.memoryBandwidthFraction();
            if (plan.offload() == Offload.NONE) {
                optimizerSeconds = sharded * (2.0 * k + 4) / bandwidth + efficiency.kernelOverheadSeconds();
            } else {
                Interconnect host = a.hostLink().orElseThrow(() -> new IllegalArgumentException(
                        "offload needs the accelerator's host link, and " + a.id() + " has no hostLink figure"));
                double link = host.perDirectionBytesPerSecond();
                offloadSeconds = sharded * 2 / link;
                if (plan.offload() == Offload.OPTIMIZER_AND_PARAMETERS) {
                    double stream = 2 * params * 2 / link;
                    offloadSeconds += m * Math.max(0, stream - (forwardSeconds[slowest] + backwardSeconds[slowest]));
                }
            }
            double step = pipeline + dataParallel + optimizerSeconds + offloadSeconds;

            long tokens = plan.tokensPerStep();
            TrainingFlops flops = spec.trainingFlopsPerToken(plan.sequenceTokens(), AttentionMask.CAUSAL, plan.recompute());
            double modelFlops = flops.modelFlops() * tokens;
            double hardwareFlops = flops.hardwareFlops() * tokens;
            int devices = plan.deviceCount();
            double peak = a.peakFlopsPerSecond(plan.precision().matmulType());
            double mfu = modelFlops / (step * devices * peak);
            double hfu = hardwareFlops / (step * devices * peak);
            if (!(hfu <= 1 + 1e-9)) {
                throw new IllegalStateException("HFU " + hfu + " above 1 for " + spec.name() + " with " + plan
                        + ": the pricing does fewer FLOPs than the model needs (a bug)");
            }
            double tokensPerSecond = tokens / step;
            double communication = m * stageCommunication[slowest] + dataParallel + offloadSeconds;
            MemoryParts parts = new MemoryParts(memory.weightBytes(), memory.gradientBytes(), memory.optimizerBytes(),
                    memory.activationBytes(), memory.bufferBytes(), memory.totalBytes(), memory.availableBytes());

            Double trainingTokens = null;
            Double trainingSeconds = null;
            Double gpuHours = null;
            Double cost = null;
            Double energy = null;
            if (budget != null) {
                trainingTokens = budget.tokens();
                trainingSeconds = budget.tokens() / tokensPerSecond;
                gpuHours = devices * trainingSeconds / 3600;
                cost = budget.pricePerDeviceHour() == null ? null : gpuHours * budget.pricePerDeviceHour();
                if (!Double.isFinite(trainingSeconds) || cost != null && !Double.isFinite(cost)) {
                    throw new IllegalArgumentException("tokens " + budget.tokens() + " at " + budget.pricePerDeviceHour()
                            + " per device-hour overflow the time or cost of the run");
                }
                energy = a.tdpWatts().isPresent() ? devices * a.tdpWatts().getAsDouble() * trainingSeconds : null;
            }
            return new TrainingEstimate(spec.name(), a.id(), devices, plan.toString(), m, step, pipeline, bubble,
                    dataParallel, optimizerSeconds, offloadSeconds, tokensPerSecond, modelFlops, hardwareFlops, mfu, hfu,
                    hardwareFlops / step / devices, modelFlops / step / devices, parts, memory.fits(), memory.violations(),
                    bubble / step, communication, trainingTokens, trainingSeconds, gpuHours, cost, energy, rows,
                    assumptions());
        }

        private int shardGroup(int group) {
            if (!plan.hybridSharding()) {
                return group;
            }
            return Math.max(1, Math.min(group, cluster.devicesPerNode() / plan.tensorParallel()));
        }

        private double collective(CollectiveKind kind, double bytes, int group, int perDomain) {
            if (bytes <= 0 || group <= 1) {
                return 0;
            }
            return collectives.seconds(new Communication(kind, bytes, group, Math.min(group, perDomain)));
        }

        /** The send of one micro-batch's activations from stage {@code link} to stage {@code link + 1}. */
        private Operation handOff(StepShape shape, int link) {
            double a = options.activationStorageType().bytesPerElement();
            double bytes = shape.tokens() * (double) spec.hiddenSize() * a
                    / (plan.sequenceParallel() ? plan.tensorParallel() : 1);
            int stageSize = plan.tensorParallel() * plan.contextParallel() * plan.dataParallel();
            // rank r of stage link sends to rank r + stageSize; both stages inside one scale-up domain, or not
            boolean same = stageSize < domain
                    && (long) link * stageSize / domain == ((long) (link + 2) * stageSize - 1) / domain;
            return Operation.communication("pipeline_send", options.activationStorageType(),
                    new Communication(CollectiveKind.SEND_RECV, bytes, 2, same ? 2 : 1));
        }

        private static double communication(WorkloadCost cost) {
            double c = 0;
            for (WorkloadCost.Row r : cost.rows()) {
                c += r.repeat() * r.cost().communicationSeconds();
            }
            return c;
        }

        private static List<OperationRow> rows(String phase, WorkloadCost cost) {
            Map<String, OperationRow> merged = new LinkedHashMap<>();
            for (WorkloadCost.Row r : cost.rows()) {
                Operation op = r.operation();
                String key = r.block() + "\u0000" + op.name();
                OperationRow row = new OperationRow(phase, r.block(), op.name(), op.kind().name().toLowerCase(Locale.ROOT),
                        r.repeat(), op.flops() * r.repeat(), op.bytes() * r.repeat(), r.totalSeconds(),
                        r.cost().bound().label());
                merged.merge(key, row, (x, y) -> new OperationRow(x.phase(), x.block(), x.name(), x.kind(),
                        x.count() + y.count(), x.flops() + y.flops(), x.bytes() + y.bytes(), x.seconds() + y.seconds(),
                        x.bound()));
            }
            return new ArrayList<>(merged.values());
        }

        private List<String> assumptions() {
            List<String> a = new ArrayList<>();
            a.add(String.format(Locale.ROOT, "Efficiency: %s.", efficiency.source()));
            a.add("MFU counts the model FLOPs a causal model needs (forward and backward, attention with causal "
                    + "savings); HFU adds recomputation; the achieved FLOP/s per device are those hardware FLOPs. PaLM's "
                    + "MFU and Megatron-LM's TFLOP/s count attention without causal savings and read higher at long "
                    + "sequences.");
            a.add("Operations within a pass run one after another; tensor-parallel collectives are not overlapped "
                    + "with computation; gradient reduction overlaps the last backward pass and weight gathers the "
                    + "first forward pass.");
            a.add(plan.unevenPipeline() && spec.layerCount() % plan.pipelineParallel() != 0
                    ? "Pipeline stages hold " + spec.layerCount() / plan.pipelineParallel() + " or "
                            + (spec.layerCount() / plan.pipelineParallel() + 1) + " layers, the first and last the fewer; "
                            + "the embedding sits on the first stage and the output head on the last."
                    : "Pipeline stages are equal in layers; the embedding sits on the first stage and the output head on "
                            + "the last.");
            if (plan.hybridSharding()) {
                a.add("Hybrid sharding: ZeRO shards over the data-parallel ranks of one node; the shards' gradients "
                        + "are all-reduced across nodes once per step, not hidden.");
            }
            if (plan.offload() != Offload.NONE) {
                a.add("Offload prices the host transfers only; the host's optimizer update is assumed hidden.");
            }
            return a;
        }

        private static int gcd(int a, int b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }
}
