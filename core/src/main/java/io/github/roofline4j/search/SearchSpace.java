package io.github.roofline4j.search;

import java.util.List;

import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.parallel.Optimizer;
import io.github.roofline4j.parallel.Placement;
import io.github.roofline4j.parallel.TrainingPrecision;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.support.Checks;

/**
 * The plans a {@link TrainingSearch} considers: what is fixed (batch, sequence, precision,
 * optimizer, kernels) and the constraints on what varies.
 *
 * <p>A list left empty means every valid value: TP over the divisors of the device count that
 * split the heads, PP over the divisors up to the layer count (with unequal stages when PP does not
 * divide the layers), CP over the divisors of the sequence up to {@code maxContextParallel} with at
 * least {@code minTokensPerContextRank} tokens per rank, EP over the divisors of the routed experts,
 * micro-batches over the divisors of the global batch up to {@code maxMicroBatchSize}, virtual
 * stages up to {@code maxVirtualStages}. Device counts: the cluster's own unless listed, or unless
 * {@code maxDevices} is set or the objective is {@link Objective#DEVICES}, when every whole number
 * of nodes that divides the cluster's node count (up to {@code maxDevices}) is tried.
 *
 * <p>Immutable and thread-safe. Start with {@link #builder(int, long)}.
 *
 * @param globalBatchSize sequences per step
 * @param sequenceTokens tokens per sequence
 * @param precision number formats
 * @param optimizer the optimizer
 * @param flashAttention whether attention is fused
 * @param dropout whether the layers apply dropout
 * @param tensorParallel allowed TP degrees, or empty for all
 * @param pipelineParallel allowed PP degrees, or empty for all
 * @param contextParallel allowed CP degrees, or empty for all
 * @param expertParallel allowed EP degrees, or empty for all
 * @param microBatchSizes allowed micro-batch sizes, or empty for all
 * @param deviceCounts device counts to try, or empty (see above)
 * @param recompute allowed recomputation modes
 * @param zero allowed ZeRO stages
 * @param sequenceParallel whether TP &gt; 1 plans are tried with sequence parallelism, without, or both
 *        ({@code null}: both)
 * @param offload whether offloading to the host is tried
 * @param hybridSharding whether hybrid sharding is tried
 * @param placements allowed placements of the parallel dimensions
 * @param maxMicroBatchSize the largest micro-batch tried when {@code microBatchSizes} is empty
 * @param maxVirtualStages the most interleaved chunks per stage
 * @param maxContextParallel the largest CP tried when {@code contextParallel} is empty
 * @param minTokensPerContextRank the fewest tokens per CP rank tried when {@code contextParallel} is empty
 * @param maxDevices the most devices a plan may use, or 0 for no limit
 * @param targetStepSeconds the step time a plan must meet for {@link Objective#DEVICES}, or 0
 * @param memoryUtilization the usable fraction of device memory
 * @param efficiency the efficiency model, or null for the accelerator's defaults
 * @param threads worker threads, &ge; 1
 * @param timeLimitSeconds stop after this long with the best found so far, or 0 for no limit
 */
public record SearchSpace(
        int globalBatchSize,
        long sequenceTokens,
        TrainingPrecision precision,
        Optimizer optimizer,
        boolean flashAttention,
        boolean dropout,
        List<Integer> tensorParallel,
        List<Integer> pipelineParallel,
        List<Integer> contextParallel,
        List<Integer> expertParallel,
        List<Integer> microBatchSizes,
        List<Integer> deviceCounts,
        List<Recompute> recompute,
        List<ZeroStage> zero,
        Boolean sequenceParallel,
        boolean offload,
        boolean hybridSharding,
        List<Placement> placements,
        int maxMicroBatchSize,
        int maxVirtualStages,
        int maxContextParallel,
        int minTokensPerContextRank,
        int maxDevices,
        double targetStepSeconds,
        double memoryUtilization,
        EfficiencyModel efficiency,
        int threads,
        double timeLimitSeconds) {

    /**
     * Validates the space.
     *
     * @throws IllegalArgumentException naming the field and the value
     */
    public SearchSpace {
        Checks.positive("globalBatchSize", globalBatchSize);
        Checks.positive("sequenceTokens", sequenceTokens);
        Checks.notNull("precision", precision);
        Checks.notNull("optimizer", optimizer);
        tensorParallel = positives("tensorParallel", tensorParallel);
        pipelineParallel = positives("pipelineParallel", pipelineParallel);
        contextParallel = positives("contextParallel", contextParallel);
        expertParallel = positives("expertParallel", expertParallel);
        microBatchSizes = positives("microBatchSizes", microBatchSizes);
        deviceCounts = positives("deviceCounts", deviceCounts);
        recompute = nonEmpty("recompute", recompute);
        zero = nonEmpty("zero", zero);
        placements = nonEmpty("placements", placements);
        Checks.positive("maxMicroBatchSize", maxMicroBatchSize);
        Checks.positive("maxVirtualStages", maxVirtualStages);
        Checks.positive("maxContextParallel", maxContextParallel);
        Checks.positive("minTokensPerContextRank", minTokensPerContextRank);
        Checks.nonNegative("maxDevices", maxDevices);
        Checks.nonNegative("targetStepSeconds", targetStepSeconds);
        if (!(memoryUtilization > 0 && memoryUtilization <= 1)) {
            throw new IllegalArgumentException("memoryUtilization must be in (0, 1], was " + memoryUtilization);
        }
        Checks.positive("threads", threads);
        Checks.nonNegative("timeLimitSeconds", timeLimitSeconds);
    }

    /**
     * Returns a copy with another efficiency model.
     *
     * @param model the efficiency model, or null for the accelerator's defaults
     * @return the copy
     */
    public SearchSpace withEfficiency(EfficiencyModel model) {
        return new SearchSpace(globalBatchSize, sequenceTokens, precision, optimizer, flashAttention, dropout,
                tensorParallel, pipelineParallel, contextParallel, expertParallel, microBatchSizes, deviceCounts, recompute,
                zero, sequenceParallel, offload, hybridSharding, placements, maxMicroBatchSize, maxVirtualStages,
                maxContextParallel, minTokensPerContextRank, maxDevices, targetStepSeconds, memoryUtilization, model,
                threads, timeLimitSeconds);
    }

    private static List<Integer> positives(String field, List<Integer> values) {
        Checks.notNull(field, values);
        for (Integer v : values) {
            if (v == null || v < 1) {
                throw new IllegalArgumentException(field + " must hold integers >= 1, was " + values);
            }
        }
        return values.stream().distinct().sorted().toList();
    }

    private static <T extends Comparable<T>> List<T> nonEmpty(String field, List<T> values) {
        Checks.notNull(field, values);
        if (values.isEmpty() || values.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException(field + " must list at least one value and no null, was " + values);
        }
        return values.stream().distinct().sorted().toList();
    }

    /**
     * Starts a space with everything allowed: BF16 with Adam, FlashAttention, no dropout, micro-batches
     * up to 16, up to 8 virtual stages, CP up to 16 with at least 1024 tokens per rank, 95 % of memory,
     * every core.
     *
     * @param globalBatchSize sequences per step
     * @param sequenceTokens tokens per sequence
     * @return a builder
     */
    public static Builder builder(int globalBatchSize, long sequenceTokens) {
        return new Builder(globalBatchSize, sequenceTokens);
    }

    /** Builds a {@link SearchSpace}. Not thread-safe. */
    public static final class Builder {
        private final int globalBatchSize;
        private final long sequenceTokens;
        private TrainingPrecision precision = TrainingPrecision.BF16;
        private Optimizer optimizer = Optimizer.ADAM;
        private boolean flashAttention = true;
        private boolean dropout;
        private List<Integer> tensorParallel = List.of();
        private List<Integer> pipelineParallel = List.of();
        private List<Integer> contextParallel = List.of();
        private List<Integer> expertParallel = List.of();
        private List<Integer> microBatchSizes = List.of();
        private List<Integer> deviceCounts = List.of();
        private List<Recompute> recompute = List.of(Recompute.values());
        private List<ZeroStage> zero = List.of(ZeroStage.values());
        private Boolean sequenceParallel;
        private boolean offload = true;
        private boolean hybridSharding = true;
        private List<Placement> placements = List.of(Placement.values());
        private int maxMicroBatchSize = 16;
        private int maxVirtualStages = 8;
        private int maxContextParallel = 16;
        private int minTokensPerContextRank = 1024;
        private int maxDevices;
        private double targetStepSeconds;
        private double memoryUtilization = 0.95;
        private EfficiencyModel efficiency;
        private int threads = Runtime.getRuntime().availableProcessors();
        private double timeLimitSeconds;

        private Builder(int globalBatchSize, long sequenceTokens) {
            this.globalBatchSize = globalBatchSize;
            this.sequenceTokens = sequenceTokens;
        }

        /** @param v number formats @return this builder */
        public Builder precision(TrainingPrecision v) {
            precision = v;
            return this;
        }

        /** @param v the optimizer @return this builder */
        public Builder optimizer(Optimizer v) {
            optimizer = v;
            return this;
        }

        /** @param v whether attention is fused @return this builder */
        public Builder flashAttention(boolean v) {
            flashAttention = v;
            return this;
        }

        /** @param v whether the layers apply dropout @return this builder */
        public Builder dropout(boolean v) {
            dropout = v;
            return this;
        }

        /** @param v allowed TP degrees (none: all) @return this builder */
        public Builder tensorParallel(Integer... v) {
            tensorParallel = List.of(v);
            return this;
        }

        /** @param v allowed PP degrees (none: all) @return this builder */
        public Builder pipelineParallel(Integer... v) {
            pipelineParallel = List.of(v);
            return this;
        }

        /** @param v allowed CP degrees (none: all) @return this builder */
        public Builder contextParallel(Integer... v) {
            contextParallel = List.of(v);
            return this;
        }

        /** @param v allowed EP degrees (none: all) @return this builder */
        public Builder expertParallel(Integer... v) {
            expertParallel = List.of(v);
            return this;
        }

        /** @param v allowed micro-batch sizes (none: all up to the maximum) @return this builder */
        public Builder microBatchSizes(Integer... v) {
            microBatchSizes = List.of(v);
            return this;
        }

        /** @param v device counts to try @return this builder */
        public Builder deviceCounts(Integer... v) {
            deviceCounts = List.of(v);
            return this;
        }

        /** @param v allowed recomputation modes @return this builder */
        public Builder recompute(Recompute... v) {
            recompute = List.of(v);
            return this;
        }

        /** @param v allowed ZeRO stages @return this builder */
        public Builder zero(ZeroStage... v) {
            zero = List.of(v);
            return this;
        }

        /** @param v sequence parallelism always (true), never (false) or both (null) @return this builder */
        public Builder sequenceParallel(Boolean v) {
            sequenceParallel = v;
            return this;
        }

        /** @param v whether offloading is tried @return this builder */
        public Builder offload(boolean v) {
            offload = v;
            return this;
        }

        /** @param v whether hybrid sharding is tried @return this builder */
        public Builder hybridSharding(boolean v) {
            hybridSharding = v;
            return this;
        }

        /** @param v allowed placements @return this builder */
        public Builder placements(Placement... v) {
            placements = List.of(v);
            return this;
        }

        /** @param v the largest micro-batch tried @return this builder */
        public Builder maxMicroBatchSize(int v) {
            maxMicroBatchSize = v;
            return this;
        }

        /** @param v the most interleaved chunks per stage @return this builder */
        public Builder maxVirtualStages(int v) {
            maxVirtualStages = v;
            return this;
        }

        /** @param v the largest CP tried @return this builder */
        public Builder maxContextParallel(int v) {
            maxContextParallel = v;
            return this;
        }

        /** @param v the fewest tokens per CP rank @return this builder */
        public Builder minTokensPerContextRank(int v) {
            minTokensPerContextRank = v;
            return this;
        }

        /** @param v the most devices (0: no limit) @return this builder */
        public Builder maxDevices(int v) {
            maxDevices = v;
            return this;
        }

        /** @param v the step time to meet, seconds (0: none) @return this builder */
        public Builder targetStepSeconds(double v) {
            targetStepSeconds = v;
            return this;
        }

        /** @param v the usable fraction of memory @return this builder */
        public Builder memoryUtilization(double v) {
            memoryUtilization = v;
            return this;
        }

        /** @param v the efficiency model (null: the accelerator's defaults) @return this builder */
        public Builder efficiency(EfficiencyModel v) {
            efficiency = v;
            return this;
        }

        /** @param v worker threads @return this builder */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        /** @param v seconds before the search stops with what it has (0: none) @return this builder */
        public Builder timeLimitSeconds(double v) {
            timeLimitSeconds = v;
            return this;
        }

        /**
         * Validates and builds the space.
         *
         * @return the space
         * @throws IllegalArgumentException naming the field and the value
         */
        public SearchSpace build() {
            return new SearchSpace(globalBatchSize, sequenceTokens, precision, optimizer, flashAttention, dropout,
                    tensorParallel, pipelineParallel, contextParallel, expertParallel, microBatchSizes, deviceCounts,
                    recompute, zero, sequenceParallel, offload, hybridSharding, placements, maxMicroBatchSize,
                    maxVirtualStages, maxContextParallel, minTokensPerContextRank, maxDevices, targetStepSeconds,
                    memoryUtilization, efficiency, threads, timeLimitSeconds);
        }
    }
}
