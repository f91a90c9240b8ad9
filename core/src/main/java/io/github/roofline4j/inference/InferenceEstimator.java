package io.github.roofline4j.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.ComputePath;
import io.github.roofline4j.memory.ServingMemory;
import io.github.roofline4j.model.Moe;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.roofline.Bound;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.roofline.Pricer;
import io.github.roofline4j.roofline.WorkloadCost;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.workload.Block;
import io.github.roofline4j.workload.CollectiveKind;
import io.github.roofline4j.workload.Communication;
import io.github.roofline4j.workload.LayerOptions;
import io.github.roofline4j.workload.Operation;
import io.github.roofline4j.workload.StepShape;
import io.github.roofline4j.workload.TransformerStep;
import io.github.roofline4j.workload.Workload;

/**
 * Estimates serving a model: spec &rarr; workload &rarr; roofline pricing &rarr; estimate.
 *
 * <p>The prefill of the batch and the decode steps are built as workloads
 * ({@link TransformerStep}) per pipeline stage, priced on the accelerator with its efficiency model
 * ({@link Pricer}), and joined by the pipeline hand-offs (a send of the stage's activations to the
 * next device). A request's latency runs the stages one after another (no pipelining of one
 * batch). Decode steps over the growing context are summed exactly for up to 64 steps and by the
 * trapezoidal rule over 65 evenly spaced contexts beyond (the step time is piecewise linear in the
 * context, so the error is far below a percent).
 *
 * <p>Tensor parallelism shards heads, KV heads and MLP width (t must divide the heads, the KV
 * heads or be divisible by them, and the MLP width); pipeline parallelism splits the layers in
 * equal stages (p must divide them). The tensor-parallel group sits in one scale-up domain when
 * it fits, and is spread over as few domains as possible otherwise.
 *
 * <p>Stateless and thread-safe.
 */
public final class InferenceEstimator {

    private static final int EXACT_STEPS = 64;
    private static final int SAMPLES = 65;

    private InferenceEstimator() {
    }

    /**
     * Estimates serving on {@code tensorParallel x pipelineParallel} devices of one accelerator
     * type, on the accelerator's reference platform, with its default efficiency model.
     *
     * @param spec the model
     * @param accelerator the accelerator
     * @param plan the serving plan
     * @return the estimate
     * @throws IllegalArgumentException naming the rule if the plan cannot run the model
     */
    public static InferenceEstimate estimate(TransformerSpec spec, Accelerator accelerator, ServingPlan plan) {
        return estimate(spec, platform(accelerator, plan), plan, EfficiencyDefaults.forAccelerator(accelerator));
    }

    /**
     * Estimates serving on a cluster with an efficiency model.
     *
     * @param spec the model
     * @param cluster the devices and their topology; the plan uses its first tp &times; pp devices
     * @param plan the serving plan
     * @param efficiency how much of the peaks is achieved
     * @return the estimate
     * @throws IllegalArgumentException naming the rule if the plan cannot run the model or needs
     *         more devices than the cluster has
     */
    public static InferenceEstimate estimate(TransformerSpec spec, ClusterSpec cluster, ServingPlan plan,
            EfficiencyModel efficiency) {
        Checks.notNull("spec", spec);
        Checks.notNull("cluster", cluster);
        Checks.notNull("plan", plan);
        Checks.notNull("efficiency", efficiency);
        if (!spec.isDecoderOnly()) {
            throw new IllegalArgumentException("serving is modelled for decoder-only models; " + spec.name()
                    + " is encoder-decoder");
        }
        if (plan.deviceCount() > cluster.deviceCount()) {
            throw new IllegalArgumentException("the plan needs tensorParallel x pipelineParallel = " + plan.deviceCount()
                    + " devices, the cluster has " + cluster.deviceCount());
        }
        if (plan.maxContextTokens() > spec.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("promptTokens + outputTokens = " + plan.maxContextTokens()
                    + " exceeds the " + spec.maxPositionEmbeddings() + "-token maximum context of " + spec.name());
        }
        Context c = new Context(spec, cluster, plan, efficiency);
        return c.estimate();
    }

    /**
     * Builds the cluster a plan needs on an accelerator's reference platform.
     *
     * @param accelerator the accelerator
     * @param plan the plan
     * @return a cluster of tp &times; pp devices
     */
    static ClusterSpec platform(Accelerator accelerator, ServingPlan plan) {
        return ClusterSpec.of(accelerator, plan.deviceCount());
    }

    /** One estimate's state. */
    private static final class Context {
        private final TransformerSpec spec;
        private final ClusterSpec cluster;
        private final ServingPlan plan;
        private final Pricer pricer;
        private final LayerOptions options;
        private final List<TransformerStep.Stage> stages = new ArrayList<>();

        Context(TransformerSpec spec, ClusterSpec cluster, ServingPlan plan, EfficiencyModel efficiency) {
            this.spec = spec;
            this.cluster = cluster;
            this.plan = plan;
            this.pricer = new Pricer(cluster, efficiency);
            int tp = plan.tensorParallel();
            int domain = cluster.scaleUpDomainDevices();
            int perDomain = tp <= domain ? tp : gcd(tp, domain);
            this.options = new LayerOptions(plan.precision(), tp, perDomain, plan.attentionKernel(), plan.mlaForm());
            options.checkSplits(spec);
            for (int i = 0; i < plan.pipelineParallel(); i++) {
                stages.add(TransformerStep.Stage.of(spec, plan.pipelineParallel(), i));
            }
        }

        InferenceEstimate estimate() {
            StepShape prefillShape = StepShape.prefill(plan.batch(), plan.promptTokens());
            List<WorkloadCost> prefill = priceStages(prefillShape, "prefill");
            double prefillSeconds = total(prefill);
            long meanContext = plan.promptTokens() + (plan.outputTokens() - 1) / 2;
            List<WorkloadCost> decode = priceStages(StepShape.decode(plan.batch(), meanContext), "decode");
            double decodeSeconds = total(decode);
            double decodeTotal = decodeSum(plan.promptTokens(), plan.outputTokens() - 1);

            ServingMemory memory = memory(prefillShape);
            ComputePath path = cluster.accelerator().computePath(plan.precision().computeType());
            double peak = path.flopsPerSecond();
            double prefillFlops = 0;
            for (WorkloadCost c : prefill) {
                prefillFlops += c.flops();
            }
            double decodeFlops = 0;
            double decodeBytes = 0;
            for (WorkloadCost c : decode) {
                decodeFlops += c.flops();
                decodeBytes += c.bytes();
            }
            // workloads are per device; averaging the stages gives the bytes of one device
            decodeBytes /= plan.pipelineParallel();
            double bandwidth = cluster.accelerator().memoryBandwidthBytesPerSecond();
            int devices = plan.deviceCount();

            SpeculationResult speculation = plan.speculation().map(s -> speculate(s, meanContext, decodeSeconds))
                    .orElse(null);
            double endToEnd = prefillSeconds + decodeTotal;
            if (speculation != null) {
                double steps = (plan.outputTokens() - 1) / speculation.expectedTokensPerStep();
                endToEnd = prefillSeconds + steps * speculation.cycleSeconds();
            }

            List<OperationRow> rows = new ArrayList<>();
            rows.addAll(rows("prefill", prefill));
            rows.addAll(rows("decode", decode));
            List<String> assumptions = assumptions(path);
            return new InferenceEstimate(spec.name(), cluster.accelerator().id(), devices, plan.tensorParallel(),
                    plan.pipelineParallel(), plan.batch(), plan.promptTokens(), plan.outputTokens(),
                    plan.precision().weights().name(), plan.precision().activations().cliName(),
                    plan.precision().kvCache().name(), path.describe(), memory.weightBytes(), memory.kvCacheBytes(),
                    memory.activationBytes(), memory.totalBytes(), memory.availableBytes(), memory.fits(),
                    memory.violations(), memory.maxBatchAtContext(), memory.maxContextAtBatch(), prefillSeconds,
                    meanContext, decodeSeconds, plan.batch() / decodeSeconds, endToEnd,
                    utilization(prefillFlops / plan.pipelineParallel(), prefillSeconds, peak),
                    utilization(decodeBytes, decodeSeconds, bandwidth),
                    utilization(decodeFlops / plan.pipelineParallel(), decodeSeconds, peak), dominant(prefill).label(),
                    dominant(decode).label(), rows, speculation, assumptions);
        }

        private static double utilization(double amount, double seconds, double rate) {
            return seconds <= 0 ? 0 : Math.min(1, amount / seconds / rate);
        }

        /** Prices each stage of a step, with the hand-off to the next stage. */
        private List<WorkloadCost> priceStages(StepShape shape, String name) {
            List<WorkloadCost> costs = new ArrayList<>();
            for (int i = 0; i < stages.size(); i++) {
                Workload w = TransformerStep.build(spec, options, shape, stages.get(i), name);
                if (i < stages.size() - 1) {
                    List<Block> blocks = new ArrayList<>(w.blocks());
                    blocks.add(new Block("pipeline hand-off", List.of(handOff(shape, i)), 1));
                    w = new Workload(name, blocks);
                }
                costs.add(pricer.price(w));
            }
            return costs;
        }

        private Operation handOff(StepShape shape, int stage) {
            double bytes = shape.tokens() * (double) spec.hiddenSize() * options.activationStorageType().bytesPerElement()
                    / options.tensorParallel();
            int tp = options.tensorParallel();
            int domain = cluster.scaleUpDomainDevices();
            boolean sameDomain = (stage * tp) / domain == ((stage + 1) * tp) / domain;
            return Operation.communication("pipeline_send", options.activationStorageType(),
                    new Communication(CollectiveKind.SEND_RECV, bytes, 2, sameDomain ? 2 : 1));
        }

        private double stepSeconds(StepShape shape) {
            double total = 0;
            for (int i = 0; i < stages.size(); i++) {
                total += pricer.seconds(TransformerStep.build(spec, options, shape, stages.get(i), "decode"));
                if (i < stages.size() - 1) {
                    total += pricer.seconds(handOff(shape, i));
                }
            }
            return total;
        }

        /** The time of {@code steps} decode steps at contexts first, first + 1, ... */
        private double decodeSum(long first, long steps) {
            if (steps <= 0) {
                return 0;
            }
            if (steps <= EXACT_STEPS) {
                double sum = 0;
                for (long i = 0; i < steps; i++) {
                    sum += stepSeconds(StepShape.decode(plan.batch(), first + i));
                }
                return sum;
            }
            // Euler-Maclaurin: the sum of f over the integers equals the integral from the first to the last
            // context plus half of the two end values; the integral by the trapezoidal rule on SAMPLES points
            double h = (double) (steps - 1) / (SAMPLES - 1);
            double inner = 0;
            double ends = 0;
            for (int j = 0; j < SAMPLES; j++) {
                double t = stepSeconds(StepShape.decode(plan.batch(), Math.round(first + j * h)));
                if (j == 0 || j == SAMPLES - 1) {
                    ends += t;
                } else {
                    inner += t;
                }
            }
            return h * (inner + ends / 2) + ends / 2;
        }

        private ServingMemory memory(StepShape prefillShape) {
            ServingMemory worst = null;
            for (TransformerStep.Stage stage : stages) {
                Workload w = TransformerStep.build(spec, options, prefillShape, stage, "prefill");
                long activation = activationWorkspace(w, prefillShape);
                ServingMemory m = ServingMemory.of(spec, options, stage, plan.batch(), plan.maxContextTokens(),
                        plan.kvBlockTokens(), activation, plan.runtimeReserveBytes(), cluster.accelerator().memoryBytes(),
                        plan.memoryUtilization());
                if (worst == null || m.totalBytes() > worst.totalBytes()) {
                    worst = m;
                }
            }
            return worst;
        }

        /** The residual stream plus the largest output any operation of the step writes. */
        private long activationWorkspace(Workload w, StepShape shape) {
            double largest = 0;
            for (Block b : w.blocks()) {
                for (Operation op : b.operations()) {
                    largest = Math.max(largest, op.bytesWritten());
                }
            }
            double residual = shape.tokens() * (double) spec.hiddenSize() * options.activationStorageType().bytesPerElement();
            return (long) Math.ceil(residual + largest);
        }

        private SpeculationResult speculate(Speculation s, long context, double decodeSeconds) {
            TransformerSpec draft = s.draft().orElseGet(this::mtpDraft);
            int tp = options.tensorParallel();
            LayerOptions draftOptions = options;
            try {
                options.checkSplits(draft);
            } catch (IllegalArgumentException e) {
                draftOptions = new LayerOptions(options.precision(), 1, 1, options.attentionKernel(), options.mlaForm());
            }
            long k = s.proposedTokens();
            if (context + k + 1 > spec.maxPositionEmbeddings()) {
                throw new IllegalArgumentException("speculating " + k + " tokens beyond a context of " + context
                        + " exceeds the " + spec.maxPositionEmbeddings() + "-token maximum of " + spec.name());
            }
            double draftStep = 0;
            for (long i = 0; i < k; i++) {
                draftStep += pricer.seconds(TransformerStep.build(draft, draftOptions,
                        StepShape.decode(plan.batch(), Math.min(context + i, draft.maxPositionEmbeddings() - 1))));
            }
            draftStep /= k;
            double verify = stepSeconds(new StepShape(plan.batch(), k + 1, context, k + 1));
            double cycle = k * draftStep + verify;
            double expected = s.expectedTokensPerStep();
            double tokensPerSecond = plan.batch() * expected / cycle;
            return new SpeculationResult(draft.name() + (tp != draftOptions.tensorParallel() ? " (TP 1)" : ""),
                    s.proposedTokens(), s.acceptanceRate(), expected, draftStep, verify, cycle, tokensPerSecond,
                    tokensPerSecond / (plan.batch() / decodeSeconds));
        }

        /** DeepSeek-V3's MTP module as a draft: one of its (MoE) layers and the shared output head. */
        private TransformerSpec mtpDraft() {
            int modules = spec.multiTokenPredictionModules();
            if (modules == 0) {
                throw new IllegalArgumentException("self-speculation needs multi-token-prediction modules, and "
                        + spec.name() + " has none; give a draft model");
            }
            TransformerSpec.Builder b = spec.toBuilder().name(spec.name() + " MTP module").layerCount(modules)
                    .multiTokenPredictionModules(0)
                    .attention(new io.github.roofline4j.model.Attention(spec.attention().headCount(),
                            spec.attention().kvHeadCount(), spec.attention().headDim(), spec.attention().qkvBias(),
                            spec.attention().outputBias(), spec.attention().qkNorm(), java.util.OptionalInt.empty(), 0,
                            spec.attention().mla()));
            Optional<Moe> moe = spec.moe();
            if (moe.isPresent()) {
                Moe m = moe.get();
                b.moe(new Moe(modules, m.routedExperts(), m.expertsPerToken(), m.expertIntermediateSize(),
                        m.sharedExperts(), m.sharedExpertIntermediateSize(), m.sharedExpertGate()));
            }
            return b.build();
        }

        private static double total(List<WorkloadCost> costs) {
            double t = 0;
            for (WorkloadCost c : costs) {
                t += c.seconds();
            }
            return t;
        }

        private static Bound dominant(List<WorkloadCost> costs) {
            Map<Bound, Double> sums = new LinkedHashMap<>();
            for (WorkloadCost c : costs) {
                c.secondsByBound().forEach((b, s) -> sums.merge(b, s, Double::sum));
            }
            Bound best = Bound.MEMORY;
            double most = -1;
            for (Map.Entry<Bound, Double> e : sums.entrySet()) {
                if (e.getValue() > most) {
                    most = e.getValue();
                    best = e.getKey();
                }
            }
            return best;
        }

        private static List<OperationRow> rows(String phase, List<WorkloadCost> costs) {
            Map<String, OperationRow> merged = new LinkedHashMap<>();
            for (WorkloadCost c : costs) {
                for (WorkloadCost.Row r : c.rows()) {
                    Operation op = r.operation();
                    String key = r.block() + "\u0000" + op.name();
                    OperationRow row = new OperationRow(phase, r.block(), op.name(),
                            op.kind().name().toLowerCase(Locale.ROOT), r.repeat(), op.flops() * r.repeat(),
                            op.bytes() * r.repeat(), r.totalSeconds(), r.cost().bound().label());
                    merged.merge(key, row, (a, b) -> new OperationRow(a.phase(), a.block(), a.name(), a.kind(),
                            a.count() + b.count(), a.flops() + b.flops(), a.bytes() + b.bytes(),
                            a.seconds() + b.seconds(), a.bound()));
                }
            }
            return new ArrayList<>(merged.values());
        }

        private List<String> assumptions(ComputePath path) {
            List<String> a = new ArrayList<>();
            EfficiencyModel e = pricer.efficiency();
            a.add("Matrix math: " + path.describe() + ".");
            a.add(String.format(Locale.ROOT, "Efficiency: matmul %.3f of peak per compute unit before tile and wave "
                    + "quantization, attention %.3f at long contexts, memory bandwidth %.2f of peak, %.2f us per kernel, "
                    + "collectives at %.2f of link bandwidth plus %.1f us (%s).", e.matmulFraction(path.requested()),
                    e.attentionFraction(), e.memoryBandwidthFraction(), e.kernelOverheadSeconds() * 1e6,
                    e.scaleUpBusFraction(), e.scaleUpLatencySeconds() * 1e6, e.source()));
            a.add("Each operation is one kernel; within a kernel compute and memory traffic overlap, kernels and "
                    + "collectives run one after another.");
            a.add("Embeddings, output head and norms stay unquantized; activations are kept in 16 bits between kernels.");
            if (spec.moe().isPresent()) {
                a.add("MoE routing is uniform: each expert a token batch reaches is read once from memory.");
            }
            if (plan.pipelineParallel() > 1) {
                a.add("Pipeline stages run one after another for a batch (latency view; no micro-batch pipelining).");
            }
            return a;
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
