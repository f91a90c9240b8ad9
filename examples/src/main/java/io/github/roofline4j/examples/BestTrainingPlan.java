package io.github.roofline4j.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.search.Objective;
import io.github.roofline4j.search.SearchListener;
import io.github.roofline4j.search.SearchSpace;
import io.github.roofline4j.search.TrainingSearch;
import io.github.roofline4j.search.TrainingSearchResult;
import io.github.roofline4j.support.TextTable;
import io.github.roofline4j.training.TrainingEstimate;
import io.github.roofline4j.training.TrainingEstimator;
import io.github.roofline4j.units.UnitFormat;

/**
 * Example: which parallel plan trains fastest? Llama 3.1 8B on 64 H100s (8 nodes), a global
 * batch of 512 sequences of 8192 tokens: a few hand-chosen plans compared with the training
 * estimator, then the plan search over every valid plan, which can only do as well or better.
 *
 * <p>Run: {@code java -cp cli/target/roofline4j.jar:examples/target/classes io.github.roofline4j.examples.BestTrainingPlan}.
 */
public final class BestTrainingPlan {

    private static final int GPUS = 64;
    private static final int GLOBAL_BATCH = 512;
    private static final long SEQUENCE_TOKENS = 8192;

    private BestTrainingPlan() {
    }

    /**
     * The plans compared: data parallelism with ZeRO, with tensor parallelism, with pipeline
     * parallelism, and with recomputation.
     *
     * @return the plans
     */
    public static List<ParallelPlan> candidates() {
        return List.of(
                plan(1, 1, 64, ZeroStage.OPTIMIZER, Recompute.NONE, 1),
                plan(1, 1, 64, ZeroStage.PARAMETERS, Recompute.FULL, 1),
                plan(2, 1, 32, ZeroStage.OPTIMIZER, Recompute.SELECTIVE, 1),
                plan(4, 1, 16, ZeroStage.OPTIMIZER, Recompute.SELECTIVE, 2),
                plan(8, 1, 8, ZeroStage.OPTIMIZER, Recompute.NONE, 2),
                plan(2, 4, 8, ZeroStage.OPTIMIZER, Recompute.SELECTIVE, 1));
    }

    private static ParallelPlan plan(int tp, int pp, int dp, ZeroStage zero, Recompute recompute, int micro) {
        return ParallelPlan.builder().tensorParallel(tp).pipelineParallel(pp).dataParallel(dp).zero(zero)
                .sequenceParallel(tp > 1).recompute(recompute).microBatchSize(micro).globalBatchSize(GLOBAL_BATCH)
                .sequenceTokens(SEQUENCE_TOKENS).build();
    }

    /**
     * Estimates every candidate.
     *
     * @return the estimates, in candidate order
     */
    public static List<TrainingEstimate> estimates() {
        TransformerSpec model = Models.get("llama-3.1-8b");
        ClusterSpec cluster = ClusterSpec.of(HardwareCatalog.builtIn().get("h100-sxm"), GPUS);
        List<TrainingEstimate> estimates = new ArrayList<>();
        for (ParallelPlan p : candidates()) {
            estimates.add(TrainingEstimator.estimate(model, cluster, p, null));
        }
        return estimates;
    }

    /**
     * Picks the fastest plan that fits.
     *
     * @param estimates the estimates
     * @return the best, or empty if none fits
     */
    public static Optional<TrainingEstimate> best(List<TrainingEstimate> estimates) {
        return estimates.stream().filter(TrainingEstimate::fits).min(Comparator.comparingDouble(TrainingEstimate::stepSeconds));
    }

    /**
     * Searches every valid plan of the same question.
     *
     * @param top how many plans to return
     * @return the search's result
     */
    public static TrainingSearchResult search(int top) {
        return TrainingSearch.run(Models.get("llama-3.1-8b"), ClusterSpec.of(HardwareCatalog.builtIn().get("h100-sxm"), GPUS),
                SearchSpace.builder(GLOBAL_BATCH, SEQUENCE_TOKENS).build(), Objective.TIME, top, SearchListener.NONE);
    }

    /**
     * Prints the comparison and the winner.
     *
     * @param out where to print
     */
    public static void print(PrintStream out) {
        List<TrainingEstimate> estimates = estimates();
        TextTable t = TextTable.withHeader("plan", "step", "MFU", "memory per device", "fits")
                .rightAligned("step", "MFU", "memory per device");
        for (TrainingEstimate e : estimates) {
            t.row(e.plan(), UnitFormat.seconds(e.stepSeconds()), UnitFormat.percent(e.mfu()),
                    UnitFormat.binaryBytes(e.memoryPerGpuBytes().total()), e.fits() ? "yes" : "no");
        }
        out.print(t.render());
        out.println(best(estimates).map(e -> "Fastest that fits: " + e.plan()).orElse("No plan fits."));
        TrainingSearchResult r = search(1);
        out.printf(Locale.ROOT, "The search over %,d plans (%,d fit) finds: %s, step %s, MFU %s%n", r.enumerated(),
                r.feasible(), r.plans().get(0).plan(), UnitFormat.seconds(r.plans().get(0).estimate().stepSeconds()),
                UnitFormat.percent(r.plans().get(0).estimate().mfu()));
    }

    /**
     * Prints to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        print(System.out);
    }
}
