package io.github.roofline4j.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.memory.TrainingMemory;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.Offload;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.Placement;
import io.github.roofline4j.parallel.RankLayout;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.training.PipelineStages;
import io.github.roofline4j.training.StepModel;
import io.github.roofline4j.training.TrainingEstimate;
import io.github.roofline4j.training.TrainingEstimator;
import io.github.roofline4j.workload.AttentionKernel;
import io.github.roofline4j.workload.LayerOptions;
import io.github.roofline4j.workload.MlaForm;

/**
 * Finds the best training plans for a model on a cluster by pricing every valid plan of a
 * {@link SearchSpace}: TP, PP (with uneven stages where PP does not divide the layers), virtual
 * stages, DP, CP, EP, micro-batch, recomputation, ZeRO stage, sequence parallelism, hybrid
 * sharding, offload and the {@link Placement} of the dimensions on the topology.
 *
 * <h2>How it is fast, and exact</h2>
 * Plans are priced with the estimator's own arithmetic ({@link StepModel}), so a plan's step here
 * is the step {@link TrainingEstimator} gives it. Per-layer work is priced once per layer plan
 * (model, TP, SP, CP, EP, micro-batch, recomputation and where those ranks sit) and shared, through
 * a concurrent cache, by every plan that differs only in PP, virtual stages, DP, ZeRO, sharding,
 * offload or placement; pricing one plan then takes a few hundred arithmetic operations and no
 * allocation. Two sound prunings skip work, never plans that could rank: a plan that does not fit
 * in memory is not priced further (memory is computed first), and a plan whose step is bounded
 * below (pipeline plus optimizer, the data-parallel terms being &ge; 0) by more than the k-th best
 * score any worker holds is dropped before its collectives are priced. Workers split the space by
 * (device count, TP, CP, PP) and keep their own top k; the result merges them.
 *
 * <h2>Deterministic ranking</h2>
 * Plans are ordered by score (step seconds for {@link Objective#TIME}, step &times; devices for
 * {@link Objective#MFU} and {@link Objective#COST}; for {@link Objective#DEVICES} by device count,
 * then step, among plans meeting the target), and ties are broken in this order: fewer devices,
 * smaller TP, smaller PP, fewer virtual stages, smaller CP, smaller EP, without sequence
 * parallelism first, smaller micro-batch, less recomputation, lower ZeRO stage, without hybrid
 * sharding first, less offload, and the placement's declaration order. The same space gives the
 * same plans whatever the thread count or timing; only {@link TrainingSearchResult#priced()}
 * varies with timing.
 *
 * <p>Progress goes to a {@link SearchListener} on the calling thread; interrupting that thread, or
 * the space's time limit, stops the search with the best plans found so far
 * ({@link TrainingSearchResult#complete()} false).
 *
 * <p>Stateless and thread-safe.
 */
public final class TrainingSearch {

    /** How often progress is reported. */
    public static final double PROGRESS_INTERVAL_SECONDS = 0.5;

    /** 1 + a few roundings: score / devices may fall an ulp below the step that gave the score. */
    private static final double LOOSEN = 1 + 1e-12;
    private static final Offload[] OFFLOADS = Offload.values();

    // bits of a plan's code, most significant first, in the tie-break order
    private static final int[] WIDTHS = {6, 6, 7, 5, 5, 7, 1, 8, 2, 2, 1, 2, 3};
    private static final int DEV = 0;
    private static final int TP = 1;
    private static final int PP = 2;
    private static final int VS = 3;
    private static final int CP = 4;
    private static final int EP = 5;
    private static final int SP = 6;
    private static final int MB = 7;
    private static final int RC = 8;
    private static final int ZR = 9;
    private static final int HY = 10;
    private static final int OF = 11;
    private static final int PL = 12;

    private TrainingSearch() {
    }

    /**
     * Searches the space.
     *
     * @param spec the model, decoder-only
     * @param cluster the devices (its node and domain shape; fewer whole nodes are tried when the
     *        space allows)
     * @param space what varies and what is fixed
     * @param objective what to rank by
     * @param top how many plans to return, &ge; 1
     * @param listener receives progress; {@link SearchListener#NONE} for none
     * @return the best plans with their estimates and the search's counts
     * @throws IllegalArgumentException if the space cannot apply to the model or cluster (a
     *         precision the accelerator does not run, a sequence longer than the model's context, no
     *         target step for {@link Objective#DEVICES})
     */
    public static TrainingSearchResult run(TransformerSpec spec, ClusterSpec cluster, SearchSpace space,
            Objective objective, int top, SearchListener listener) {
        Checks.notNull("spec", spec);
        Checks.notNull("cluster", cluster);
        Checks.notNull("space", space);
        Checks.notNull("objective", objective);
        Checks.positive("top", top);
        Checks.notNull("listener", listener);
        if (objective == Objective.DEVICES && space.targetStepSeconds() <= 0) {
            throw new IllegalArgumentException("objective devices needs targetStepSeconds > 0: the step time to meet");
        }
        return new Search(spec, cluster, space, objective, top, listener).run();
    }

    /** One search's state. */
    private static final class Search {
        private final TransformerSpec spec;
        private final ClusterSpec cluster;
        private final SearchSpace space;
        private final Objective objective;
        private final int top;
        private final SearchListener listener;
        private final EfficiencyModel efficiency;
        private final int layers;
        private final int[] devices;
        private final ClusterSpec[] clusters;
        private final int[] tps;
        private final int[] pps;
        private final int[] cps;
        private final int[] eps;
        private final int[] mbs;
        private final int maxV;
        private final boolean hostLink;
        private final long availableBytes;
        private final LongAdder layerPlans = new LongAdder();
        private final Map<Long, Boolean> splits = new ConcurrentHashMap<>();
        private final AtomicLong cutoff = new AtomicLong(Double.doubleToLongBits(Double.POSITIVE_INFINITY));
        private final AtomicBoolean stop = new AtomicBoolean();
        private final LongAdder evaluated = new LongAdder();
        private final long limitNanos;
        private final long startNanos = System.nanoTime();

        Search(TransformerSpec spec, ClusterSpec cluster, SearchSpace space, Objective objective, int top,
                SearchListener listener) {
            this.spec = spec;
            this.cluster = cluster;
            this.space = space;
            this.objective = objective;
            this.top = top;
            this.listener = listener;
            this.efficiency = space.efficiency() != null ? space.efficiency()
                    : EfficiencyDefaults.forAccelerator(cluster.accelerator());
            this.layers = spec.layerCount();
            this.limitNanos = space.timeLimitSeconds() > 0 ? (long) Math.min(space.timeLimitSeconds() * 1e9, Long.MAX_VALUE / 2)
                    : Long.MAX_VALUE;
            if (!spec.isDecoderOnly()) {
                throw new IllegalArgumentException("training is modelled for decoder-only models; " + spec.name()
                        + " is encoder-decoder");
            }
            if (space.sequenceTokens() > spec.maxPositionEmbeddings()) {
                throw new IllegalArgumentException("sequence of " + space.sequenceTokens() + " tokens exceeds the "
                        + spec.maxPositionEmbeddings() + "-token maximum of " + spec.name());
            }
            this.devices = deviceCounts();
            this.clusters = new ClusterSpec[devices.length];
            for (int i = 0; i < devices.length; i++) {
                clusters[i] = devices[i] == cluster.deviceCount() ? cluster
                        : cluster.withNodeCount(devices[i] / cluster.devicesPerNode());
            }
            int maxDevices = devices[devices.length - 1];
            this.tps = candidates(space.tensorParallel(), divisors(maxDevices), WIDTHS[TP], "tensorParallel");
            List<Integer> pp = new ArrayList<>();
            for (int d : divisors(maxDevices)) {
                if (d <= layers) {
                    pp.add(d);
                }
            }
            for (int given : space.pipelineParallel()) {
                if (given > layers) {
                    throw new IllegalArgumentException("pipelineParallel " + given + " exceeds the " + layers
                            + " layers of " + spec.name());
                }
            }
            this.pps = candidates(space.pipelineParallel(), pp, WIDTHS[PP], "pipelineParallel");
            List<Integer> cp = new ArrayList<>();
            for (int d : divisors(maxDevices)) {
                if (d == 1 || d <= space.maxContextParallel() && space.sequenceTokens() / d >= space.minTokensPerContextRank()) {
                    cp.add(d);
                }
            }
            this.cps = candidates(space.contextParallel(), cp, WIDTHS[CP], "contextParallel");
            List<Integer> ep = spec.moe().isPresent() ? divisors(spec.moe().get().routedExperts()) : List.of(1);
            this.eps = candidates(space.expertParallel(), ep, WIDTHS[EP], "expertParallel");
            List<Integer> mb = new ArrayList<>();
            for (int d : divisors(space.globalBatchSize())) {
                if (d <= space.maxMicroBatchSize()) {
                    mb.add(d);
                }
            }
            this.mbs = candidates(space.microBatchSizes(), mb, WIDTHS[MB], "microBatchSizes");
            this.maxV = Math.min(space.maxVirtualStages(), (1 << WIDTHS[VS]) - 1);
            this.hostLink = cluster.accelerator().hostLink().isPresent();
            this.availableBytes = TrainingMemory.availableBytes(cluster.accelerator().memoryBytes(),
                    space.memoryUtilization());
            // fails here, once, with the estimator's message if the accelerator cannot run the precision
            StepModel.of(spec, clusters[0], efficiency, plan(1, 1, 1, 1, 1, false, 1, Recompute.NONE, false, devices[0]),
                    RankLayout.of(plan(1, 1, 1, 1, 1, false, 1, Recompute.NONE, false, devices[0]),
                            clusters[0].scaleUpDomainDevices(), clusters[0].devicesPerNode()));
        }

        private int[] deviceCounts() {
            List<Integer> counts = new ArrayList<>();
            int all = cluster.deviceCount();
            if (!space.deviceCounts().isEmpty()) {
                for (int d : space.deviceCounts()) {
                    if (d > all || d % cluster.devicesPerNode() != 0 || cluster.nodeCount() % (d / cluster.devicesPerNode()) != 0) {
                        throw new IllegalArgumentException("deviceCounts: " + d + " must be a whole number of "
                                + cluster.devicesPerNode() + "-device nodes dividing the " + cluster.nodeCount()
                                + " nodes of " + cluster.id());
                    }
                    counts.add(d);
                }
            } else if (space.maxDevices() > 0 || objective == Objective.DEVICES) {
                int max = space.maxDevices() > 0 ? Math.min(space.maxDevices(), all) : all;
                for (int nodes : divisors(cluster.nodeCount())) {
                    if ((long) nodes * cluster.devicesPerNode() <= max) {
                        counts.add(nodes * cluster.devicesPerNode());
                    }
                }
                if (counts.isEmpty()) {
                    throw new IllegalArgumentException("maxDevices " + space.maxDevices() + " is below one "
                            + cluster.devicesPerNode() + "-device node of " + cluster.id());
                }
            } else {
                counts.add(all);
            }
            if (counts.size() >= 1 << WIDTHS[DEV]) {
                throw new IllegalArgumentException("deviceCounts: at most " + ((1 << WIDTHS[DEV]) - 1)
                        + " device counts, was " + counts.size());
            }
            return counts.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        }

        TrainingSearchResult run() {
            // one task per (device count, TP, CP): its PP values share its layer plans, priced once by the worker
            List<int[]> tasks = new ArrayList<>();
            for (int di = 0; di < devices.length; di++) {
                for (int ti = 0; ti < tps.length; ti++) {
                    for (int ci = 0; ci < cps.length; ci++) {
                        if (devices[di] % ((long) tps[ti] * cps[ci]) == 0 && space.sequenceTokens() % cps[ci] == 0) {
                            tasks.add(new int[] {di, ti, ci});
                        }
                    }
                }
            }
            long total = 0;
            Worker counter = new Worker(true);
            for (int[] t : tasks) {
                total += counter.task(t);
            }
            List<Worker> done = new ArrayList<>();
            boolean complete;
            if (objective == Objective.DEVICES) {
                // device counts in ascending order, each a time search capped at the target, until k plans meet it
                complete = true;
                for (int di = 0; di < devices.length && collected(done) < top && complete; di++) {
                    List<int[]> these = new ArrayList<>();
                    for (int[] t : tasks) {
                        if (t[0] == di) {
                            these.add(t);
                        }
                    }
                    cutoff.set(Double.doubleToLongBits(space.targetStepSeconds()));
                    complete = execute(these, total, done);
                }
            } else {
                complete = execute(tasks, total, done);
            }
            List<long[]> ranked = merge(done);
            List<RankedPlan> plans = new ArrayList<>();
            for (long[] r : ranked) {
                int di = field(r[1], DEV);
                ParallelPlan plan = decode(r[1]);
                TrainingEstimate e = TrainingEstimator.estimate(spec, clusters[di], plan, null, efficiency,
                        space.memoryUtilization());
                plans.add(new RankedPlan(plans.size() + 1, plan, e));
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            listener.progress(new SearchProgress(evaluated.sum(), total, seconds, plans.isEmpty() ? 0
                    : plans.get(0).estimate().stepSeconds()));
            long feasible = 0;
            long priced = 0;
            for (Worker w : done) {
                feasible += w.feasibleCount;
                priced += w.pricedCount;
            }
            return new TrainingSearchResult(objective, plans, evaluated.sum(), feasible, priced, layerPlans.sum(), seconds,
                    complete);
        }

        private int collected(List<Worker> done) {
            int n = 0;
            for (Worker w : done) {
                n += w.size;
            }
            return n;
        }

        /** Runs tasks on the workers; returns false if stopped early. */
        private boolean execute(List<int[]> tasks, long total, List<Worker> done) {
            int threads = Math.min(space.threads(), Math.max(1, tasks.size()));
            AtomicLong next = new AtomicLong();
            List<Worker> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(new Worker(false));
            }
            if (threads == 1) {
                // on the calling thread: no pool to start
                Worker w = workers.get(0);
                long reported = System.nanoTime();
                for (int[] t : tasks) {
                    if (stopped()) {
                        break;
                    }
                    w.task(t);
                    if (System.nanoTime() - reported > PROGRESS_INTERVAL_SECONDS * 1e9) {
                        reported = System.nanoTime();
                        listener.progress(new SearchProgress(evaluated.sum(), total, (reported - startNanos) / 1e9,
                                best(workers)));
                    }
                }
                done.add(w);
                return !stop.get();
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "roofline4j-search");
                t.setDaemon(true);
                return t;
            });
            List<Future<?>> futures = new ArrayList<>();
            try {
                for (Worker w : workers) {
                    futures.add(pool.submit(() -> {
                        for (long i = next.getAndIncrement(); i < tasks.size() && !stopped(); i = next.getAndIncrement()) {
                            w.task(tasks.get((int) i));
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    while (true) {
                        try {
                            f.get((long) (PROGRESS_INTERVAL_SECONDS * 1000), TimeUnit.MILLISECONDS);
                            break;
                        } catch (TimeoutException e) {
                            listener.progress(new SearchProgress(evaluated.sum(), total,
                                    (System.nanoTime() - startNanos) / 1e9, best(workers)));
                        }
                    }
                }
            } catch (InterruptedException e) {
                // cancelled: the workers see the flag within one layer plan; wait for them before reading their plans
                stop.set(true);
                Thread.interrupted();
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (InterruptedException | ExecutionException ignored) {
                        // ending anyway
                    }
                }
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                stop.set(true);
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(cause);
            } finally {
                pool.shutdownNow();
                try {
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            done.addAll(workers);
            return !stop.get();
        }

        private boolean stopped() {
            if (stop.get()) {
                return true;
            }
            if (System.nanoTime() - startNanos > limitNanos || Thread.currentThread().isInterrupted()) {
                stop.set(true);
                return true;
            }
            return false;
        }

        private double best(List<Worker> workers) {
            double best = Double.POSITIVE_INFINITY;
            for (Worker w : workers) {
                for (int i = 0; i < w.size; i++) {
                    best = Math.min(best, w.steps[i]);
                }
            }
            return Double.isInfinite(best) ? 0 : best;
        }

        /** Merges the workers' plans: {score, code} best first, at most {@code top}. */
        private List<long[]> merge(List<Worker> workers) {
            List<long[]> all = new ArrayList<>();
            for (Worker w : workers) {
                for (int i = 0; i < w.size; i++) {
                    all.add(new long[] {Double.doubleToLongBits(w.scores[i]), w.codes[i]});
                }
            }
            all.sort((a, b) -> {
                int c = objective == Objective.DEVICES ? Integer.compare(field(a[1], DEV), field(b[1], DEV)) : 0;
                if (c == 0) {
                    c = Double.compare(Double.longBitsToDouble(a[0]), Double.longBitsToDouble(b[0]));
                }
                return c != 0 ? c : Long.compare(a[1], b[1]);
            });
            return all.subList(0, Math.min(top, all.size()));
        }

        /** Whether TP and EP split the model (heads, KV heads, experts, widths). */
        private boolean splits(int tp, int ep) {
            return splits.computeIfAbsent(((long) tp << 32) | ep, k -> {
                try {
                    new LayerOptions(Precision.bf16(), tp, 1, AttentionKernel.FUSED, MlaForm.NAIVE, false, ep, 1)
                            .checkSplits(spec);
                    return true;
                } catch (IllegalArgumentException e) {
                    return false;
                }
            });
        }

        private ParallelPlan plan(int tp, int pp, int dp, int cp, int ep, boolean sp, int mb, Recompute recompute,
                boolean uneven, int deviceCount) {
            return ParallelPlan.builder().tensorParallel(tp).pipelineParallel(pp).dataParallel(dp).contextParallel(cp)
                    .expertParallel(ep).sequenceParallel(sp).microBatchSize(mb).globalBatchSize(space.globalBatchSize())
                    .sequenceTokens(space.sequenceTokens()).recompute(recompute).precision(space.precision())
                    .optimizer(space.optimizer()).flashAttention(space.flashAttention()).dropout(space.dropout())
                    .unevenPipeline(uneven).build();
        }

        private ParallelPlan decode(long code) {
            int di = field(code, DEV);
            int tp = tps[field(code, TP)];
            int pp = pps[field(code, PP)];
            int cp = cps[field(code, CP)];
            int dp = devices[di] / (tp * pp * cp);
            ZeroStage zero = ZeroStage.of(field(code, ZR));
            return ParallelPlan.builder().tensorParallel(tp).pipelineParallel(pp).virtualStages(field(code, VS))
                    .dataParallel(dp).contextParallel(cp).expertParallel(eps[field(code, EP)])
                    .sequenceParallel(field(code, SP) == 1).zero(zero).hybridSharding(field(code, HY) == 1)
                    .microBatchSize(mbs[field(code, MB)]).globalBatchSize(space.globalBatchSize())
                    .sequenceTokens(space.sequenceTokens()).recompute(Recompute.values()[field(code, RC)])
                    .offload(Offload.values()[field(code, OF)]).precision(space.precision()).optimizer(space.optimizer())
                    .flashAttention(space.flashAttention()).dropout(space.dropout()).unevenPipeline(layers % pp != 0)
                    .placement(Placement.values()[field(code, PL)]).build();
        }

        /** The key of a layer plan: what {@link StepModel} prices once. */
        private record LayerKey(int deviceIndex, int tp, boolean sp, int cp, int ep, int mb, Recompute recompute,
                int tpPerDomain, int cpPerDomain, int epPerDomain) {
        }

        /** A worker: walks tasks, keeps its top k. Not thread-safe; one per thread. */
        private final class Worker {
            private final boolean countOnly;
            /** The layer plans of the current task (no other task has the same TP and CP). */
            private final Map<LayerKey, StepModel> models = new HashMap<>();
            private final double[] out = new double[StepModel.RESULT_LENGTH];
            private final double[] scores = new double[top];
            private final double[] steps = new double[top];
            private final long[] codes = new long[top];
            private int size;
            private long feasibleCount;
            private long pricedCount;

            Worker(boolean countOnly) {
                this.countOnly = countOnly;
            }

            /** Walks the plans of one (device count, TP, CP); returns how many there are. */
            long task(int[] t) {
                long count = 0;
                models.clear();
                for (int pi = 0; pi < pps.length && !stopped(); pi++) {
                    long used = (long) tps[t[1]] * cps[t[2]] * pps[pi];
                    if (devices[t[0]] % used == 0 && space.globalBatchSize() % (devices[t[0]] / used) == 0) {
                        count += task(t[0], t[1], t[2], pi);
                    }
                }
                return count;
            }

            /** Walks the plans of one (device count, TP, CP, PP); returns how many there are. */
            private long task(int di, int ti, int ci, int pi) {
                int tp = tps[ti];
                int cp = cps[ci];
                int pp = pps[pi];
                int n = devices[di];
                ClusterSpec c = clusters[di];
                int dp = n / (tp * cp * pp);
                int dpcp = dp * cp;
                boolean uneven = layers % pp != 0;
                double factor = objective == Objective.MFU || objective == Objective.COST ? n : 1;
                long count = 0;
                for (int ei = 0; ei < eps.length; ei++) {
                    int ep = eps[ei];
                    if (dpcp % ep != 0 || !splits(tp, ep)) {
                        continue;
                    }
                    List<long[]> seen = new ArrayList<>();
                    placements:
                    for (Placement placement : space.placements()) {
                        RankLayout layout = new RankLayout(tp, cp, dp, pp, ep, placement, c.scaleUpDomainDevices(),
                                c.devicesPerNode());
                        PipelineStages stages = PipelineStages.of(spec,
                                plan(tp, pp, dp, cp, ep, false, 1, Recompute.NONE, uneven, n), layout);
                        long[] signature = StepModel.layoutSignature(layout, stages);
                        for (long[] other : seen) {
                            if (Arrays.equals(other, signature)) {
                                continue placements; // prices every plan as a placement already walked
                            }
                        }
                        seen.add(signature);
                        int perNode = layout.dataRanksPerNode(1, dpcp);
                        boolean hybridDiffers = perNode > 1 && perNode < dpcp;
                        StepModel.Groups[] groups = countOnly ? null : new StepModel.Groups[] {
                            StepModel.groups(layout, false), hybridDiffers ? StepModel.groups(layout, true) : null};
                        for (int sv = 0; sv < 2; sv++) {
                            boolean sp = sv == 1;
                            if (sp && tp == 1 || space.sequenceParallel() != null && space.sequenceParallel() != sp
                                    && tp > 1) {
                                continue;
                            }
                            for (int mi = 0; mi < mbs.length; mi++) {
                                int mb = mbs[mi];
                                if (space.globalBatchSize() % ((long) mb * dp) != 0) {
                                    continue;
                                }
                                int m = space.globalBatchSize() / (mb * dp);
                                for (Recompute recompute : space.recompute()) {
                                    if (stopped()) {
                                        return count;
                                    }
                                    StepModel model = null;
                                    if (!countOnly) {
                                        LayerKey key = new LayerKey(di, tp, sp, cp, ep, mb, recompute,
                                                layout.tensorRanksPerDomain(), layout.contextRanksPerDomain(),
                                                layout.dataRanksPerDomain(1, ep));
                                        model = models.get(key);
                                        if (model == null) {
                                            model = StepModel.of(spec, c, efficiency,
                                                    plan(tp, pp, dp, cp, ep, sp, mb, recompute, uneven, n), layout);
                                            models.put(key, model);
                                            layerPlans.increment();
                                        }
                                    }
                                    long before = count;
                                    for (int v = 1; v <= maxV; v++) {
                                        if (v > 1 && (pp == 1 || uneven || layers % (pp * v) != 0 || m % pp != 0)) {
                                            continue;
                                        }
                                        for (ZeroStage zero : space.zero()) {
                                            int z = zero.stage();
                                            for (int h = 0; h < 2; h++) {
                                                if (h == 1 && (z == 0 || !space.hybridSharding() || !hybridDiffers)) {
                                                    continue;
                                                }
                                                for (Offload offload : OFFLOADS) {
                                                    if (offload != Offload.NONE && (!space.offload() || !hostLink || z == 0
                                                            || offload == Offload.OPTIMIZER_AND_PARAMETERS && z != 3)) {
                                                        continue;
                                                    }
                                                    count++;
                                                    if (countOnly) {
                                                        continue;
                                                    }
                                                    // a score cutoff in seconds, loosened by a rounding's worth so
                                                    // that a plan tying the k-th best is never cut (sound: prunes less)
                                                    double cut = Double.longBitsToDouble(cutoff.get()) / factor * LOOSEN;
                                                    int status = model.evaluate(stages, v, m, z, groups[h], offload,
                                                            availableBytes, true, cut, out);
                                                    if (status == StepModel.DOES_NOT_FIT) {
                                                        continue;
                                                    }
                                                    feasibleCount++;
                                                    if (status == StepModel.ABOVE_CUTOFF) {
                                                        continue;
                                                    }
                                                    pricedCount++;
                                                    double step = out[StepModel.STEP];
                                                    if (objective == Objective.DEVICES && step > space.targetStepSeconds()) {
                                                        continue;
                                                    }
                                                    long code = code(di, ti, pi, v, ci, ei, sv, mi, recompute.ordinal(),
                                                            z, h, offload.ordinal(), placement.ordinal());
                                                    offer(step * factor, step, code);
                                                }
                                            }
                                        }
                                    }
                                    if (!countOnly) {
                                        evaluated.add(count - before);
                                    }
                                }
                            }
                        }
                    }
                }
                return count;
            }

            /** Keeps the plan if it is among the best {@code top} (by score, then code). */
            private void offer(double score, double step, long code) {
                if (size == top && !better(score, code, scores[size - 1], codes[size - 1])) {
                    return;
                }
                int i = size == top ? size - 1 : size++;
                while (i > 0 && better(score, code, scores[i - 1], codes[i - 1])) {
                    scores[i] = scores[i - 1];
                    steps[i] = steps[i - 1];
                    codes[i] = codes[i - 1];
                    i--;
                }
                scores[i] = score;
                steps[i] = step;
                codes[i] = code;
                if (size == top) {
                    // a worker's k-th best bounds the global k-th best from above: a plan worse than it cannot rank
                    double kth = scores[size - 1];
                    long bits = Double.doubleToLongBits(kth);
                    for (long cur = cutoff.get(); kth < Double.longBitsToDouble(cur); cur = cutoff.get()) {
                        if (cutoff.compareAndSet(cur, bits)) {
                            break;
                        }
                    }
                }
            }
        }

        private static boolean better(double score, long code, double otherScore, long otherCode) {
            int c = Double.compare(score, otherScore);
            return c < 0 || c == 0 && code < otherCode;
        }

        /** Packs a plan's choices, most significant first in the tie-break order. */
        private static long code(int di, int ti, int pi, int v, int ci, int ei, int sv, int mi, int rc, int z, int h, int of,
                int pl) {
            long c = di;
            c = (c << WIDTHS[TP]) | ti;
            c = (c << WIDTHS[PP]) | pi;
            c = (c << WIDTHS[VS]) | v;
            c = (c << WIDTHS[CP]) | ci;
            c = (c << WIDTHS[EP]) | ei;
            c = (c << WIDTHS[SP]) | sv;
            c = (c << WIDTHS[MB]) | mi;
            c = (c << WIDTHS[RC]) | rc;
            c = (c << WIDTHS[ZR]) | z;
            c = (c << WIDTHS[HY]) | h;
            c = (c << WIDTHS[OF]) | of;
            return (c << WIDTHS[PL]) | pl;
        }

        private static int field(long code, int index) {
            int shift = 0;
            for (int i = WIDTHS.length - 1; i > index; i--) {
                shift += WIDTHS[i];
            }
            return (int) ((code >>> shift) & ((1L << WIDTHS[index]) - 1));
        }

        private static int[] candidates(List<Integer> allowed, List<Integer> all, int bits, String field) {
            List<Integer> values = allowed.isEmpty() ? all : allowed;
            if (values.size() >= 1 << bits) {
                throw new IllegalArgumentException(field + ": at most " + ((1 << bits) - 1) + " values, was "
                        + values.size());
            }
            return values.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        }

        private static List<Integer> divisors(int n) {
            List<Integer> d = new ArrayList<>();
            for (int i = 1; (long) i * i <= n; i++) {
                if (n % i == 0) {
                    d.add(i);
                    if (i != n / i) {
                        d.add(n / i);
                    }
                }
            }
            d.sort(null);
            return d;
        }
    }
}
