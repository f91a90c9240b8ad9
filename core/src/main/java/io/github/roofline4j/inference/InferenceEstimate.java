package io.github.roofline4j.inference;

import java.util.List;
import java.util.Locale;

import io.github.roofline4j.support.Report;
import io.github.roofline4j.support.TextTable;
import io.github.roofline4j.units.UnitFormat;

/**
 * What serving a model costs: memory per device, time to first token, time per output token,
 * throughput, end-to-end latency, the bottleneck, and the per-operation table that explains them.
 *
 * <p>Times are for the whole batch: the prefill of every prompt (the time to first token), one
 * decode step at the mean context (every sequence produces one token), and the end-to-end time of
 * a request (prefill, then decode steps over the growing context). Memory parts are per device for
 * the most loaded device. The record components are the JSON keys of {@code roofline4j inference
 * --json}; their names carry their units.
 *
 * <p>Immutable and thread-safe.
 *
 * @param model the model's name
 * @param accelerator the accelerator's id
 * @param devices devices used, tensorParallel &times; pipelineParallel
 * @param tensorParallel the tensor-parallel degree
 * @param pipelineParallel the pipeline stages
 * @param batch concurrent sequences
 * @param promptTokens prompt tokens per sequence
 * @param outputTokens output tokens per sequence
 * @param weights the weight format
 * @param activations the activation format
 * @param kvCache the KV-cache format
 * @param computeType the data type the layers' matrix math runs in, and how the accelerator runs it
 * @param weightBytes weights per device
 * @param kvCacheBytes KV cache per device for the batch at its full context
 * @param activationBytes activation workspace per device
 * @param totalMemoryBytes the memory needed per device
 * @param availableMemoryBytes the memory available per device (capacity &times; utilization)
 * @param fits whether it fits
 * @param violations what does not fit, needed versus available
 * @param maxBatchAtContext the most sequences of the full context that fit
 * @param maxContextAtBatch the longest context at which the batch fits
 * @param prefillSeconds the prefill of the batch: time to first token
 * @param decodeContextTokens the mean context of the decode steps
 * @param decodeSecondsPerToken one decode step at the mean context (one token per sequence)
 * @param decodeTokensPerSecond tokens per second of the batch while decoding
 * @param endToEndSeconds prefill plus all decode steps
 * @param prefillFlopUtilization prefill FLOPs over time over the peak of the compute type
 * @param decodeMemoryBandwidthUtilization decode bytes per device over time over the datasheet bandwidth
 * @param decodeFlopUtilization decode FLOPs over time over the peak
 * @param prefillBottleneck the bound taking most of the prefill time
 * @param bottleneck the bound taking most of the decode time: {@code compute}, {@code memory} or {@code communication}
 * @param operations the prefill and decode operations
 * @param speculation the effect of speculative decoding, null without it
 * @param assumptions the assumptions behind the figures
 */
public record InferenceEstimate(
        String model,
        String accelerator,
        int devices,
        int tensorParallel,
        int pipelineParallel,
        int batch,
        long promptTokens,
        long outputTokens,
        String weights,
        String activations,
        String kvCache,
        String computeType,
        long weightBytes,
        long kvCacheBytes,
        long activationBytes,
        long totalMemoryBytes,
        long availableMemoryBytes,
        boolean fits,
        List<String> violations,
        long maxBatchAtContext,
        long maxContextAtBatch,
        double prefillSeconds,
        long decodeContextTokens,
        double decodeSecondsPerToken,
        double decodeTokensPerSecond,
        double endToEndSeconds,
        double prefillFlopUtilization,
        double decodeMemoryBandwidthUtilization,
        double decodeFlopUtilization,
        String prefillBottleneck,
        String bottleneck,
        List<OperationRow> operations,
        SpeculationResult speculation,
        List<String> assumptions) {

    /**
     * Copies the lists.
     */
    public InferenceEstimate {
        violations = List.copyOf(violations);
        operations = List.copyOf(operations);
        assumptions = List.copyOf(assumptions);
    }

    /**
     * Returns a short summary.
     *
     * @return for example {@code "Llama-2-7B on 1 x a100-sxm-80gb: TTFT 35.2 ms, 9.1 ms per token (110 tokens/s), fits"}
     */
    @Override
    public String toString() {
        return model + " on " + devices + " x " + accelerator + ", batch " + batch + ": TTFT "
                + UnitFormat.seconds(prefillSeconds) + ", " + UnitFormat.seconds(decodeSecondsPerToken) + " per token ("
                + UnitFormat.number(decodeTokensPerSecond) + " tokens/s), " + bottleneck + "-bound, "
                + (fits ? "fits in " + UnitFormat.binaryBytes(totalMemoryBytes) + " per device"
                        : "does not fit: " + String.join("; ", violations));
    }

    /**
     * Renders the summary and the per-operation table of both phases as text.
     *
     * @return the text
     */
    public String table() {
        return report().text();
    }

    /**
     * Renders the summary and the per-operation tables as HTML, for notebooks (the JJava kernel
     * shows a {@code display(...)} of it as a table).
     *
     * @return an HTML fragment
     */
    public String toHtml() {
        return report().html();
    }

    private Report report() {
        Report r = new Report();
        r.line(model + " on " + devices + " x " + accelerator + " (TP " + tensorParallel + ", PP " + pipelineParallel
                + "), batch " + batch + ", " + promptTokens + " prompt + " + outputTokens + " output tokens");
        r.line("formats: weights " + weights + ", activations " + activations + ", KV " + kvCache + "; " + computeType);
        r.gap();
        TextTable t = TextTable.withHeader("figure", "value");
        t.row("memory per device", UnitFormat.binaryBytes(totalMemoryBytes) + " of " + UnitFormat.binaryBytes(availableMemoryBytes)
                + " available (weights " + UnitFormat.binaryBytes(weightBytes) + ", KV cache "
                + UnitFormat.binaryBytes(kvCacheBytes) + ", activations " + UnitFormat.binaryBytes(activationBytes) + ")");
        t.row("fits", fits ? "yes" : "no: " + String.join("; ", violations));
        t.row("max batch at " + (promptTokens + outputTokens) + " tokens", maxBatchAtContext);
        t.row("max context at batch " + batch, maxContextAtBatch + " tokens");
        t.row("time to first token", UnitFormat.seconds(prefillSeconds) + " (" + prefillBottleneck + "-bound, "
                + UnitFormat.percent(prefillFlopUtilization) + " of peak FLOP/s)");
        t.row("time per output token", UnitFormat.seconds(decodeSecondsPerToken) + " at " + decodeContextTokens
                + " tokens of context (" + bottleneck + "-bound, " + UnitFormat.percent(decodeMemoryBandwidthUtilization)
                + " of peak bandwidth)");
        t.row("decode throughput", UnitFormat.number(decodeTokensPerSecond) + " tokens/s for the batch, "
                + UnitFormat.number(decodeTokensPerSecond / batch) + " per sequence");
        t.row("end to end", UnitFormat.seconds(endToEndSeconds));
        if (speculation != null) {
            t.row("speculative decoding", String.format(Locale.ROOT, "%s drafts %d, acceptance %.2f: %.2f tokens per step, "
                    + "%s tokens/s (x%.2f)", speculation.draft(), speculation.proposedTokens(),
                    speculation.acceptanceRate(), speculation.expectedTokensPerStep(),
                    UnitFormat.number(speculation.decodeTokensPerSecond()), speculation.speedup()));
        }
        r.table(t);
        for (String phase : new String[] {"prefill", "decode"}) {
            r.section(phase.equals("prefill") ? "Prefill operations (per device)" : "Decode step operations (per device)");
            TextTable ops = TextTable.withHeader("block", "operation", "count", "FLOP", "bytes", "time", "share", "bound")
                    .rightAligned("count", "FLOP", "bytes", "time", "share");
            double total = 0;
            for (OperationRow row : operations) {
                total += row.phase().equals(phase) ? row.seconds() : 0;
            }
            for (OperationRow row : operations) {
                if (row.phase().equals(phase)) {
                    ops.row(row.block(), row.name(), row.count(), UnitFormat.flops(row.flops()), UnitFormat.bytes(row.bytes()),
                            UnitFormat.seconds(row.seconds()), total == 0 ? "-" : UnitFormat.percent(row.seconds() / total),
                            row.bound());
                }
            }
            r.table(ops);
        }
        if (!assumptions.isEmpty()) {
            r.section("Assumptions").bullets(assumptions);
        }
        return r;
    }
}
