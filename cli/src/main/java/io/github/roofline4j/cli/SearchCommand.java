package io.github.roofline4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.roofline4j.json.SearchRequest;
import io.github.roofline4j.json.SearchResultJson;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.parallel.Placement;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.search.Objective;
import io.github.roofline4j.search.RankedPlan;
import io.github.roofline4j.search.SearchListener;
import io.github.roofline4j.search.SearchProgress;
import io.github.roofline4j.search.SearchSpace;
import io.github.roofline4j.search.TrainingSearchResult;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.TextTable;
import io.github.roofline4j.units.UnitFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code roofline4j search}: the best training plans. Progress goes to standard error when it is a
 * terminal (or with {@code --progress}); Ctrl-C stops the search and prints the best plans found.
 */
@Command(name = "search",
        mixinStandardHelpOptions = true,
        description = "Search every training plan (TP, PP, virtual stages, DP, CP, EP, micro-batch, recomputation, ZeRO, "
                + "sequence parallelism, offload, placement) and print the best.")
final class SearchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private Target target;

    @Mixin
    private Calibrated calibrated;

    @Option(names = "--gpus", paramLabel = "N", description = "Devices (with --hardware; with --cluster, resizes the preset).")
    private Integer gpus;

    @Option(names = "--global-batch", required = true, paramLabel = "B", description = "Sequences per step.")
    private int globalBatch;

    @Option(names = "--seq", required = true, paramLabel = "S", description = "Tokens per sequence.")
    private long seq;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "Plans to print (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--objective", paramLabel = "O", defaultValue = "time",
            description = "time, mfu, cost or devices (fewest devices meeting --target-step-seconds) (default: ${DEFAULT-VALUE}).")
    private String objective;

    @Option(names = "--target-step-seconds", paramLabel = "S", description = "The step time to meet, for --objective devices.")
    private Double targetStep;

    @Option(names = "--max-gpus", paramLabel = "N", description = "Also try fewer whole nodes, up to N devices.")
    private Integer maxGpus;

    @Option(names = "--tp", paramLabel = "LIST", description = "Allowed TP degrees, comma-separated (default: all).")
    private String tp;

    @Option(names = "--pp", paramLabel = "LIST", description = "Allowed PP degrees (default: all).")
    private String pp;

    @Option(names = "--cp", paramLabel = "LIST", description = "Allowed CP degrees (default: up to 16, >= 1024 tokens per rank).")
    private String cp;

    @Option(names = "--ep", paramLabel = "LIST", description = "Allowed EP degrees (default: all).")
    private String ep;

    @Option(names = "--micro-batch", paramLabel = "LIST", description = "Allowed micro-batch sizes (default: up to --max-micro-batch).")
    private String microBatch;

    @Option(names = "--max-micro-batch", paramLabel = "B", defaultValue = "16", description = "Largest micro-batch tried (default: ${DEFAULT-VALUE}).")
    private int maxMicroBatch;

    @Option(names = "--max-virtual-stages", paramLabel = "V", defaultValue = "8", description = "Most interleaved chunks per stage (default: ${DEFAULT-VALUE}).")
    private int maxVirtualStages;

    @Option(names = "--recompute", paramLabel = "LIST", defaultValue = "none,selective,full", description = "Allowed recomputation (default: ${DEFAULT-VALUE}).")
    private String recompute;

    @Option(names = "--zero", paramLabel = "LIST", defaultValue = "0,1,2,3", description = "Allowed ZeRO stages (default: ${DEFAULT-VALUE}).")
    private String zero;

    @Option(names = "--placement", paramLabel = "LIST", description = "Allowed placements, e.g. tp-cp-dp-pp (default: all six).")
    private String placement;

    @Option(names = "--sequence-parallel", paramLabel = "WHEN", defaultValue = "both", description = "always, never or both (default: ${DEFAULT-VALUE}).")
    private String sequenceParallel;

    @Option(names = "--no-offload", description = "Do not try offloading to the host.")
    private boolean noOffload;

    @Option(names = "--no-hybrid-sharding", description = "Do not try hybrid sharding.")
    private boolean noHybrid;

    @Mixin
    private TrainingFormats formats;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: every core).")
    private Integer threads;

    @Option(names = "--time-limit", paramLabel = "S", description = "Stop after S seconds with the best plans found.")
    private Double timeLimit;

    @Option(names = "--progress", description = "Print progress to standard error even when it is not a terminal.")
    private boolean progress;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Override
    public void run() {
        SearchRequest request = request();
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        SearchListener listener = progress || terminal ? p -> report(err, p, terminal) : SearchListener.NONE;

        // Ctrl-C interrupts the search, which returns the best plans so far; the hook waits for them to be printed
        Thread caller = Thread.currentThread();
        CountDownLatch printed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            caller.interrupt();
            try {
                printed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "roofline4j-search-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            TrainingSearchResult r = request.evaluate(Target.resolver(), listener);
            if (progress || terminal) {
                err.println();
                err.flush();
            }
            print(r);
        } finally {
            Thread.interrupted(); // a cancel's interrupt is consumed here
            printed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting on Ctrl-C: the hook is running
            }
        }
    }

    /**
     * Builds the request the flags describe, the same the JSON API reads.
     *
     * @return the request
     */
    SearchRequest request() {
        if (target.byHardware("--hardware (with --gpus)") && gpus == null) {
            throw new IllegalArgumentException("--hardware needs --gpus N");
        }
        Objective o = Options.parse("--objective", objective, Objective::parse);
        SearchSpace.Builder b = SearchSpace.builder(globalBatch, seq).precision(formats.precision())
                .optimizer(formats.optimizer()).flashAttention(formats.flashAttention()).dropout(formats.dropout())
                .tensorParallel(ints("--tp", tp)).pipelineParallel(ints("--pp", pp)).contextParallel(ints("--cp", cp))
                .expertParallel(ints("--ep", ep)).microBatchSizes(ints("--micro-batch", microBatch))
                .maxMicroBatchSize(maxMicroBatch).maxVirtualStages(maxVirtualStages)
                .recompute(Options.list("--recompute", recompute, SearchCommand::recompute).toArray(new Recompute[0]))
                .zero(Options.list("--zero", zero, v -> ZeroStage.of(Integer.parseInt(v))).toArray(new ZeroStage[0]))
                .sequenceParallel(switch (sequenceParallel.toLowerCase(Locale.ROOT)) {
                    case "always" -> Boolean.TRUE;
                    case "never" -> Boolean.FALSE;
                    case "both" -> null;
                    default -> throw new IllegalArgumentException("--sequence-parallel must be always, never or both, was '"
                            + sequenceParallel + "'");
                })
                .offload(!noOffload).hybridSharding(!noHybrid);
        if (placement != null) {
            b.placements(Options.list("--placement", placement, Placement::parse).toArray(new Placement[0]));
        }
        if (targetStep != null) {
            b.targetStepSeconds(targetStep);
        }
        if (maxGpus != null) {
            b.maxDevices(maxGpus);
        }
        if (threads != null) {
            b.threads(threads);
        }
        if (timeLimit != null) {
            b.timeLimitSeconds(timeLimit);
        }
        return new SearchRequest(null, target.modelSource(), target.devices("--hardware (with --gpus)", gpus), b.build(), o,
                top, calibrated.profile());
    }

    private static Recompute recompute(String v) {
        for (Recompute r : Recompute.values()) {
            if (r.name().equalsIgnoreCase(v)) {
                return r;
            }
        }
        throw new IllegalArgumentException("expected none, selective or full, was '" + v + "'");
    }

    private static Integer[] ints(String flag, String value) {
        return Options.list(flag, value, Options::positiveInteger).toArray(new Integer[0]);
    }

    private static void report(PrintWriter err, SearchProgress p, boolean terminal) {
        String line = String.format(Locale.ROOT, "searched %,d of %,d plans (%.0f%%), %s plans/s, best step %s, %s left",
                p.evaluated(), p.total(), p.total() == 0 ? 100.0 : 100.0 * p.evaluated() / p.total(),
                UnitFormat.count(p.plansPerSecond()), p.bestStepSeconds() > 0 ? UnitFormat.seconds(p.bestStepSeconds()) : "-",
                UnitFormat.seconds(p.remainingSeconds()));
        if (terminal) {
            err.print("\r" + line);
        } else {
            err.println(line);
        }
        err.flush();
    }

    private void print(TrainingSearchResult r) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writeValueAsString(SearchResultJson.write(r)));
            return;
        }
        TextTable table = TextTable.withHeader("rank", "plan", "step", "MFU", "tokens/s", "memory/GPU")
                .rightAligned("rank", "step", "MFU", "tokens/s");
        for (RankedPlan p : r.plans()) {
            var e = p.estimate();
            table.row(p.rank(), p.plan(), UnitFormat.seconds(e.stepSeconds()), UnitFormat.percent(e.mfu()),
                    UnitFormat.count(e.tokensPerSecond()), UnitFormat.binaryBytes(e.memoryPerGpuBytes().total()) + " of "
                            + UnitFormat.binaryBytes(e.memoryPerGpuBytes().available()));
        }
        out.print(table);
        out.printf(Locale.ROOT, "%s%,d plans evaluated (%,d fit in memory, %,d priced in full, %,d layer plans) in %s: %s plans/s%n",
                r.complete() ? "" : "stopped early: best of the part searched; ", r.enumerated(), r.feasible(),
                r.priced(), r.layerPlans(), UnitFormat.seconds(r.searchSeconds()), UnitFormat.count(r.plansPerSecond()));
        if (r.plans().isEmpty()) {
            out.println(!r.complete() ? "stopped before a plan that fits was found"
                    : r.enumerated() == 0 ? "the space holds no valid plan: the constraints (--tp, --pp, --cp, --ep, "
                            + "--micro-batch, --max-gpus) leave no split of the devices, heads, layers and batch"
                    : "no plan fits: every plan of the space needs more memory than the devices have"
                            + (r.objective() == Objective.DEVICES ? ", or misses the target step time" : ""));
        }
    }
}
