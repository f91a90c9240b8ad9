package io.github.roofline4j.training;

import java.util.ArrayList;
import java.util.List;

import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.RankLayout;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.workload.TransformerStep;

/**
 * The pipeline stages of a plan grouped into runs of consecutive stages that hold the same layers
 * by kind ({@link TransformerStep.Composition}): a uniform model on p stages is three runs (the
 * first stage with the embedding, the middle ones, the last with the head), whatever p is. Every
 * stage of a run costs the same to compute, and its memory is largest at the run's first stage
 * (the one with the most micro-batches in flight), so {@link StepModel} prices a step in time
 * proportional to the runs, not the stages.
 *
 * <p>Each run also records which hand-offs its stages make (a stage sends to and receives from
 * its neighbours over the scale-up link or the network, depending on the {@link RankLayout}), and
 * whether the interleaved schedule's hand-off from the last stage back to the first stays inside a
 * domain. The first and the last stage are runs of their own (they alone hold the embedding and the head).
 *
 * <p>Immutable and thread-safe.
 */
public final class PipelineStages {

    final int stageCount;
    final int[] runStart;
    final int[] runLength;
    final int[] runFirstLayer;
    final int[] runLayers;
    /** Layers by kind per run: dense, dense sliding, MoE, MoE sliding. */
    final int[][] runKinds;
    final boolean[] runEmbedding;
    final boolean[] runHead;
    /** Bit 3&middot;i + o set when a stage of the run has i hand-offs inside a domain and o across. */
    final int[] runHandOffs;
    /** Hand-offs inside domains and across, summed over the stages. */
    final int insideHandOffs;
    final int acrossHandOffs;
    /** Whether the interleaved schedule's hand-off from the last stage back to the first stays inside a domain. */
    final boolean wrapInside;

    private PipelineStages(List<int[]> runs, int stageCount, int inside, int across, boolean wrapInside) {
        this.stageCount = stageCount;
        int n = runs.size();
        runStart = new int[n];
        runLength = new int[n];
        runFirstLayer = new int[n];
        runLayers = new int[n];
        runKinds = new int[n][];
        runEmbedding = new boolean[n];
        runHead = new boolean[n];
        runHandOffs = new int[n];
        for (int r = 0; r < n; r++) {
            int[] x = runs.get(r);
            runStart[r] = x[0];
            runLength[r] = x[1];
            runFirstLayer[r] = x[2];
            runLayers[r] = x[3];
            runKinds[r] = new int[] {x[4], x[5], x[6], x[7]};
            runEmbedding[r] = x[8] == 1;
            runHead[r] = x[9] == 1;
            runHandOffs[r] = x[10];
        }
        this.insideHandOffs = inside;
        this.acrossHandOffs = across;
        this.wrapInside = wrapInside;
    }

    /**
     * Splits a model's layers as a plan does (its PP and uneven-stage rule) and groups the stages
     * into runs, with the hand-offs of the plan's layout.
     *
     * @param spec the model
     * @param plan the plan (PP and uneven stages are read)
     * @param layout where the ranks sit
     * @return the stages
     */
    public static PipelineStages of(TransformerSpec spec, ParallelPlan plan, RankLayout layout) {
        Checks.notNull("spec", spec);
        int p = plan.pipelineParallel();
        int layers = spec.layerCount();
        List<int[]> runs = new ArrayList<>();
        int inside = 0;
        int across = 0;
        int[] last = null;
        for (int s = 0; s < p; s++) {
            int first = plan.stageFirstLayer(layers, s);
            int count = plan.stageLayerCount(layers, s);
            TransformerStep.Composition c = new TransformerStep.Stage(first, count, s == 0, s == p - 1).composition(spec);
            int in = 0;
            int out = 0;
            if (s < p - 1) {
                if (layout.handOffInsideDomain(s)) {
                    in++;
                } else {
                    out++;
                }
            }
            if (s > 0) {
                if (layout.handOffInsideDomain(s - 1)) {
                    in++;
                } else {
                    out++;
                }
            }
            inside += in;
            across += out;
            int[] x = {s, 1, first, count, c.dense(), c.denseSliding(), c.moe(), c.moeSliding(), c.embedding() ? 1 : 0,
                c.head() ? 1 : 0, 1 << (3 * in + out)};
            if (last != null && last[3] == x[3] && last[4] == x[4] && last[5] == x[5] && last[6] == x[6]
                    && last[7] == x[7] && last[8] == x[8] && last[9] == x[9]) {
                last[1]++;
                last[10] |= x[10];
            } else {
                runs.add(x);
                last = x;
            }
        }
        return new PipelineStages(runs, p, inside, across, p > 1 && layout.wrapInsideDomain());
    }

    /**
     * Returns the number of runs.
     *
     * @return runs of stages with equal layers, &le; stages
     */
    public int runCount() {
        return runStart.length;
    }

    /**
     * Returns the number of stages.
     *
     * @return PP
     */
    public int stageCount() {
        return stageCount;
    }
}
