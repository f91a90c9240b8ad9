package io.github.roofline4j.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.inference.OperationRow;
import io.github.roofline4j.memory.TrainingMemory;
import io.github.roofline4j.model.AttentionMask;
import io.github.roofline4j.model.TrainingFlops;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.Offload;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.RankLayout;
import io.github.roofline4j.parallel.TrainingPrecision;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.roofline.Pricer;
import io.github.roofline4j.roofline.WorkloadCost;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.workload.Operation;
import io.github.roofline4j.workload.TrainingStep;
import io.github.roofline4j.workload.TransformerStep;

/**
 * Estimates a training step: the passes of each micro-batch on each pipeline stage
 * ({@link TrainingStep}, priced by {@link Pricer}), the pipeline schedule, data-parallel
 * communication, the optimizer update and offload transfers.
 *
 * <h2>Placement</h2>
 * Ranks are laid out TP fastest, then CP, DP and PP in the plan's
 * {@link io.github.roofline4j.parallel.Placement} (by default Megatron-LM's order, PP outermost). A
 * group of g ranks spaced s apart keeps gcd(g, D / s) ranks in each scale-up domain of D devices
 * ({@link RankLayout}); that decides which collectives cross the network.
 *
 * <h2>Arithmetic</h2>
 * The formulas below are computed by {@link StepModel}, which the plan search shares: each kind of
 * layer is priced once and a stage is the sum of its layers.
 *
 * <h2>Schedule</h2>
 * With t<sub>i</sub> the forward plus backward time of one micro-batch on stage i (hand-offs
 * included) and m micro-batches: the 1F1B schedule takes m&middot;max t<sub>i</sub> + (p &minus; 1)
 * &middot;mean t<sub>i</sub>, and the interleaved schedule with v chunks per device m&middot;max
 * t<sub>i</sub> + (p &minus; 1)/v&middot;mean t<sub>i</sub> (Narayanan et al. 2021 §2.2: bubble
 * fraction (p &minus; 1)/(v&middot;m)), sending v times as many hand-offs; there the last stage also hands
 * each micro-batch's next chunk back to the first stage v &minus; 1 times (and the gradients come back as
 * often), which the first and the last stage both spend.
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
        if (plan.hybridSharding() && RankLayout.of(plan, cluster.scaleUpDomainDevices(), cluster.devicesPerNode())
                .dataRanksPerNode(1, plan.dataParallel() * plan.contextParallel()) <= 1) {
            throw new IllegalArgumentException("hybridSharding needs more than one data-parallel rank per node, and "
                    + plan + " places none beside each other in the " + cluster.devicesPerNode() + "-device node of "
                    + cluster.id());
        }
        if (plan.offload() != Offload.NONE && cluster.accelerator().hostLink().isEmpty()) {
            throw new IllegalArgumentException("offload needs the accelerator's host link, and "
                    + cluster.accelerator().id() + " has no hostLink figure");
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
        private final RankLayout layout;
        private final StepModel model;

        Run(TransformerSpec spec, ClusterSpec cluster, ParallelPlan plan, EfficiencyModel efficiency,
                double memoryUtilization) {
            this.spec = spec;
            this.cluster = cluster;
            this.plan = plan;
            this.efficiency = efficiency;
            this.memoryUtilization = memoryUtilization;
            this.layout = RankLayout.of(plan, cluster.scaleUpDomainDevices(), cluster.devicesPerNode());
            this.model = StepModel.of(spec, cluster, efficiency, plan, layout);
        }

        TrainingEstimate estimate(Budget budget) {
            int m = plan.microBatches();
            Accelerator a = cluster.accelerator();
            double[] r = new double[StepModel.RESULT_LENGTH];
            model.evaluate(PipelineStages.of(spec, plan, layout), plan.virtualStages(), m, plan.zero().stage(),
                    StepModel.groups(layout, plan.hybridSharding()), plan.offload(),
                    TrainingMemory.availableBytes(a.memoryBytes(), memoryUtilization), false, Double.POSITIVE_INFINITY, r);
            TrainingMemory memory = TrainingMemory.ofParts(r, a.memoryBytes(), memoryUtilization);
            double step = r[StepModel.STEP];

            // the per-operation table of the first stage
            int p = plan.pipelineParallel();
            TransformerStep.Stage first = new TransformerStep.Stage(0, plan.stageLayerCount(spec.layerCount(), 0), true,
                    p == 1);
            TrainingStep.Passes passes = TrainingStep.build(spec, model.options(), model.shape(), first, plan.recompute(),
                    plan.contextParallel(), model.contextRanksPerDomain());
            Pricer pricer = new Pricer(cluster, efficiency);
            List<OperationRow> rows = new ArrayList<>(rows("forward", pricer.price(passes.forward())));
            rows.addAll(rows("backward", pricer.price(passes.backward())));

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
            return new TrainingEstimate(spec.name(), a.id(), devices, plan.toString(), m, step, r[StepModel.PIPELINE],
                    r[StepModel.BUBBLE], r[StepModel.DATA_PARALLEL], r[StepModel.OPTIMIZER], r[StepModel.OFFLOAD],
                    tokensPerSecond, modelFlops, hardwareFlops, mfu, hfu, hardwareFlops / step / devices,
                    modelFlops / step / devices, parts, memory.fits(), memory.violations(), r[StepModel.BUBBLE] / step,
                    r[StepModel.COMMUNICATION], trainingTokens, trainingSeconds, gpuHours, cost, energy, rows,
                    assumptions());
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
    }
}
