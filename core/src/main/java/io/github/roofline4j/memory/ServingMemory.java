package io.github.roofline4j.memory;

import java.util.ArrayList;
import java.util.List;

import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.units.UnitFormat;
import io.github.roofline4j.workload.LayerOptions;
import io.github.roofline4j.workload.TransformerStep;

/**
 * The device memory a served model needs: weights, KV cache, activation workspace and a runtime
 * reserve, against what the device makes available; and the capacity that is left.
 *
 * <p>The KV cache is paged (Kwon et al. 2023, vLLM): each sequence holds whole blocks of
 * {@code blockTokens} tokens per layer, so a context of c tokens takes &lceil;c/b&rceil;&middot;b
 * token slots (the rounding waste is at most b &minus; 1 tokens per sequence and layer);
 * sliding-window layers keep at most their window. Available memory is the device's capacity times
 * the memory utilization. Parts are per device, for the most loaded device (the pipeline stage
 * with the most weights).
 *
 * <p>Immutable and thread-safe.
 *
 * @param weightBytes weights on the device
 * @param kvCacheBytes KV cache of the whole batch at its full context
 * @param activationBytes peak activation workspace of the prefill step
 * @param runtimeReserveBytes memory set aside for the runtime
 * @param totalBytes the sum of the four
 * @param capacityBytes the device's memory
 * @param availableBytes capacity &times; memory utilization
 * @param kvCacheBytesPerSequence KV cache of one sequence at the full context
 * @param maxBatchAtContext the most sequences of the full context that fit (0 if none)
 * @param maxContextAtBatch the longest context (tokens) at which the batch fits (0 if none), capped at the model's maximum
 * @param violations what does not fit, each as needed versus available; empty when it fits
 */
public record ServingMemory(
        long weightBytes,
        long kvCacheBytes,
        long activationBytes,
        long runtimeReserveBytes,
        long totalBytes,
        long capacityBytes,
        long availableBytes,
        long kvCacheBytesPerSequence,
        long maxBatchAtContext,
        long maxContextAtBatch,
        List<String> violations) {

    /**
     * Copies the violations.
     */
    public ServingMemory {
        violations = List.copyOf(violations);
    }

    /**
     * Tells whether everything fits.
     *
     * @return true when there are no violations
     */
    public boolean fits() {
        return violations.isEmpty();
    }

    /**
     * Computes the memory of a served model on one device.
     *
     * @param spec the model
     * @param options formats and tensor parallelism
     * @param stage the layers on the device
     * @param batch sequences, &ge; 1
     * @param contextTokens the full context of each sequence, &ge; 1
     * @param blockTokens tokens per KV block, &ge; 1
     * @param activationBytes the activation workspace, bytes, &ge; 0
     * @param runtimeReserveBytes the runtime reserve, bytes, &ge; 0
     * @param capacityBytes the device's memory, bytes, &gt; 0
     * @param memoryUtilization the usable fraction, in (0, 1]
     * @return the memory
     */
    public static ServingMemory of(TransformerSpec spec, LayerOptions options, TransformerStep.Stage stage, long batch,
            long contextTokens, int blockTokens, long activationBytes, long runtimeReserveBytes, long capacityBytes,
            double memoryUtilization) {
        Checks.positive("batch", batch);
        Checks.positive("contextTokens", contextTokens);
        Checks.positive("blockTokens", blockTokens);
        Checks.nonNegative("activationBytes", activationBytes);
        Checks.nonNegative("runtimeReserveBytes", runtimeReserveBytes);
        Checks.positive("capacityBytes", capacityBytes);
        long weights = TransformerStep.weightBytes(spec, options, stage);
        long perSequence = kvBytesPerSequence(spec, options, stage, contextTokens, blockTokens);
        long kv = Math.multiplyExact(perSequence, batch);
        long available = (long) Math.floor(capacityBytes * memoryUtilization);
        long total = Math.addExact(Math.addExact(weights, kv), Math.addExact(activationBytes, runtimeReserveBytes));
        long free = available - weights - activationBytes - runtimeReserveBytes;
        long maxBatch = free <= 0 || perSequence == 0 ? 0 : free / perSequence;
        long maxContext = maxContext(spec, options, stage, batch, blockTokens, free);
        List<String> violations = new ArrayList<>();
        if (weights > available) {
            violations.add("weights need " + UnitFormat.binaryBytes(weights) + " but " + UnitFormat.binaryBytes(available)
                    + " is available per device");
        } else if (weights + activationBytes + runtimeReserveBytes > available) {
            violations.add("weights, activation workspace and reserve need "
                    + UnitFormat.binaryBytes(weights + activationBytes + runtimeReserveBytes) + " but "
                    + UnitFormat.binaryBytes(available) + " is available per device");
        } else if (total > available) {
            violations.add("KV cache for " + batch + (batch == 1 ? " sequence" : " sequences") + " of " + contextTokens
                    + " tokens needs " + UnitFormat.binaryBytes(kv) + " but " + UnitFormat.binaryBytes(Math.max(0, free))
                    + " is free per device");
        }
        return new ServingMemory(weights, kv, activationBytes, runtimeReserveBytes, total, capacityBytes, available,
                perSequence, maxBatch, maxContext, violations);
    }

    /**
     * Returns the KV-cache bytes of one sequence on a device, paged.
     *
     * @param spec the model
     * @param options formats and tensor parallelism
     * @param stage the layers on the device
     * @param contextTokens the context, tokens, &ge; 0
     * @param blockTokens tokens per block, &ge; 1
     * @return bytes
     */
    public static long kvBytesPerSequence(TransformerSpec spec, LayerOptions options, TransformerStep.Stage stage,
            long contextTokens, int blockTokens) {
        long perTokenLayer = TransformerStep.kvBytesPerTokenPerLayer(spec, options);
        int layers = stage.layerCount();
        int sliding = (int) Math.round((double) spec.attention().slidingWindowLayerCount() * layers / spec.layerCount());
        long full = paged(contextTokens, blockTokens);
        long windowed = spec.attention().slidingWindowTokens().isPresent()
                ? paged(Math.min(contextTokens, spec.attention().slidingWindowTokens().getAsInt()), blockTokens) : full;
        long slots = Math.addExact(Math.multiplyExact((long) (layers - sliding), full), Math.multiplyExact((long) sliding,
                windowed));
        return Math.multiplyExact(slots, perTokenLayer);
    }

    private static long paged(long tokens, int block) {
        return (tokens + block - 1) / block * block;
    }

    private static long maxContext(TransformerSpec spec, LayerOptions options, TransformerStep.Stage stage, long batch,
            int blockTokens, long free) {
        if (free <= 0) {
            return 0;
        }
        long lo = 0;
        long hi = spec.maxPositionEmbeddings();
        if (batch * kvBytesPerSequence(spec, options, stage, hi, blockTokens) <= free) {
            return hi;
        }
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (batch * kvBytesPerSequence(spec, options, stage, mid, blockTokens) <= free) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
