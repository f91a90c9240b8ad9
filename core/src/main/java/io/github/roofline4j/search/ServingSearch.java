package io.github.roofline4j.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.InferenceEstimator;
import io.github.roofline4j.inference.ServingPlan;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.quant.WeightFormat;
import io.github.roofline4j.roofline.EfficiencyDefaults;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.support.Checks;

/**
 * Finds the serving configurations of a model on an accelerator that meet latency targets, ranked
 * by throughput per device.
 *
 * <p>For every device count (powers of two up to the limit), every TP &times; PP split of it, and
 * every weight format the accelerator runs ({@code bf16}; {@code fp8} weights and activations;
 * {@code int8} and {@code int4} weight-only, with BF16 activations), each with a BF16 and, where
 * supported, an FP8 KV cache, the search finds the largest batch that fits in memory and meets the
 * time to first token (the prefill of the whole batch) and the time per output token (one decode
 * step at the mean context). Both latencies grow with the batch, so the batch is found by bisection
 * between 1 and the most that fits ({@code maxBatchAtContext}). Configurations are ranked by
 * generated tokens per second per device over a whole request (batch &times; output tokens /
 * end-to-end seconds / devices); ties go to fewer devices, then smaller TP, then the format order above.
 *
 * <p>Stateless and thread-safe.
 */
public final class ServingSearch {

    private static final String[] WEIGHTS = {"bf16", "fp8", "int8", "int4"};

    private ServingSearch() {
    }

    /**
     * The question a serving search answers.
     *
     * @param promptTokens prompt tokens per request, &ge; 1
     * @param outputTokens generated tokens per request, &ge; 1
     * @param maxTimeToFirstTokenSeconds the longest time to first token, or 0 for no limit
     * @param maxTimePerOutputTokenSeconds the longest time per output token, or 0 for no limit
     * @param maxDevices the most devices, &ge; 1 (powers of two up to it are tried)
     * @param maxBatch the largest batch tried, &ge; 1
     * @param efficiency the efficiency model, or null for the accelerator's defaults
     */
    public record Targets(long promptTokens, long outputTokens, double maxTimeToFirstTokenSeconds,
            double maxTimePerOutputTokenSeconds, int maxDevices, int maxBatch, EfficiencyModel efficiency) {
        /**
         * Validates the targets.
         *
         * @throws IllegalArgumentException naming the field and the value
         */
        public Targets {
            Checks.positive("promptTokens", promptTokens);
            Checks.positive("outputTokens", outputTokens);
            Checks.nonNegative("maxTimeToFirstTokenSeconds", maxTimeToFirstTokenSeconds);
            Checks.nonNegative("maxTimePerOutputTokenSeconds", maxTimePerOutputTokenSeconds);
            Checks.positive("maxDevices", maxDevices);
            Checks.positive("maxBatch", maxBatch);
        }
    }

    /**
     * Searches.
     *
     * @param spec the model
     * @param cluster the devices and their topology (the plans use its first devices)
     * @param targets the latency targets and limits
     * @param top how many configurations to return, &ge; 1
     * @return the best configurations
     * @throws IllegalArgumentException if the model cannot be served (encoder-decoder, context too long)
     */
    public static ServingSearchResult run(TransformerSpec spec, ClusterSpec cluster, Targets targets, int top) {
        Checks.notNull("spec", spec);
        Checks.notNull("cluster", cluster);
        Checks.notNull("targets", targets);
        Checks.positive("top", top);
        long start = System.nanoTime();
        if (!spec.isDecoderOnly()) {
            throw new IllegalArgumentException("serving is modelled for decoder-only models; " + spec.name()
                    + " is encoder-decoder");
        }
        if (targets.promptTokens() + targets.outputTokens() > spec.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("promptTokens + outputTokens = " + (targets.promptTokens()
                    + targets.outputTokens()) + " exceeds the " + spec.maxPositionEmbeddings()
                    + "-token maximum context of " + spec.name());
        }
        EfficiencyModel efficiency = targets.efficiency() != null ? targets.efficiency()
                : EfficiencyDefaults.forAccelerator(cluster.accelerator());
        int maxDevices = Math.min(targets.maxDevices(), cluster.deviceCount());
        List<ServingCandidate> all = new ArrayList<>();
        long evaluated = 0;
        for (int devices = 1; devices <= maxDevices; devices = devices > maxDevices / 2 ? Integer.MAX_VALUE : devices * 2) {
            for (int tp = devices; tp >= 1; tp /= 2) {
                int pp = devices / tp;
                for (String w : WEIGHTS) {
                    for (boolean fp8Kv : new boolean[] {false, true}) {
                        Precision precision = precision(cluster, w, fp8Kv);
                        if (precision == null) {
                            continue;
                        }
                        ServingPlan.Builder base = ServingPlan.builder().precision(precision).tensorParallel(tp)
                                .pipelineParallel(pp).promptTokens(targets.promptTokens())
                                .outputTokens(targets.outputTokens());
                        InferenceEstimate one;
                        try {
                            one = InferenceEstimator.estimate(spec, cluster, base.batch(1).build(), efficiency);
                        } catch (IllegalArgumentException e) {
                            continue; // this split or format cannot run the model (heads, experts, layers)
                        }
                        evaluated++;
                        if (!one.fits() || !meets(one, targets)) {
                            continue;
                        }
                        // bisection for the largest batch that fits and meets the targets
                        int lo = 1;
                        InferenceEstimate best = one;
                        int hi = (int) Math.min(targets.maxBatch(), Math.max(1, one.maxBatchAtContext()));
                        while (lo < hi) {
                            int mid = lo + (hi - lo + 1) / 2;
                            InferenceEstimate e = InferenceEstimator.estimate(spec, cluster, base.batch(mid).build(),
                                    efficiency);
                            evaluated++;
                            if (e.fits() && meets(e, targets)) {
                                lo = mid;
                                best = e;
                            } else {
                                hi = mid - 1;
                            }
                        }
                        double perDevice = lo * (double) targets.outputTokens() / best.endToEndSeconds() / devices;
                        all.add(new ServingCandidate(0, base.batch(lo).build(), w + (fp8Kv ? "/kv-fp8" : ""), perDevice,
                                best));
                    }
                }
            }
        }
        Comparator<ServingCandidate> order = Comparator
                .comparingDouble((ServingCandidate c) -> -c.tokensPerSecondPerDevice())
                .thenComparingInt(c -> c.plan().deviceCount())
                .thenComparingInt(c -> c.plan().tensorParallel());
        List<ServingCandidate> sorted = new ArrayList<>(all);
        sorted.sort(order); // stable: equal candidates keep the enumeration (format) order
        List<ServingCandidate> best = new ArrayList<>();
        for (ServingCandidate c : sorted.subList(0, Math.min(top, sorted.size()))) {
            best.add(rank(c, best.size() + 1));
        }
        List<ServingCandidate> perCount = new ArrayList<>();
        for (int devices = 1; devices <= maxDevices; devices = devices > maxDevices / 2 ? Integer.MAX_VALUE : devices * 2) {
            for (ServingCandidate c : sorted) {
                if (c.plan().deviceCount() == devices) {
                    perCount.add(rank(c, perCount.size() + 1));
                    break;
                }
            }
        }
        return new ServingSearchResult(best, perCount, evaluated, (System.nanoTime() - start) / 1e9);
    }

    private static ServingCandidate rank(ServingCandidate c, int rank) {
        return new ServingCandidate(rank, c.plan(), c.format(), c.tokensPerSecondPerDevice(), c.estimate());
    }

    private static boolean meets(InferenceEstimate e, Targets t) {
        return (t.maxTimeToFirstTokenSeconds() == 0 || e.prefillSeconds() <= t.maxTimeToFirstTokenSeconds())
                && (t.maxTimePerOutputTokenSeconds() == 0 || e.decodeSecondsPerToken() <= t.maxTimePerOutputTokenSeconds());
    }

    /** The precision of a format label, or null when the accelerator does not run it. */
    private static Precision precision(ClusterSpec cluster, String weights, boolean fp8Kv) {
        if (fp8Kv && !cluster.accelerator().computePath(DataType.FP8_E4M3).isNative()) {
            return null;
        }
        DataType activations = weights.equals("fp8") ? DataType.FP8_E4M3 : DataType.BF16;
        if (!cluster.accelerator().computePath(activations).isNative()
                || !cluster.accelerator().computePath(WeightFormat.parse(weights).elementType()).isNative()
                        && !weights.startsWith("int")) {
            return null;
        }
        KvFormat kv = fp8Kv ? KvFormat.parse("fp8") : KvFormat.plain(DataType.BF16);
        return new Precision(WeightFormat.parse(weights), activations, kv);
    }
}
