package io.github.roofline4j.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.InferenceEstimator;
import io.github.roofline4j.inference.ServingPlan;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.support.TextTable;
import io.github.roofline4j.units.UnitFormat;

/**
 * Example: what latency will serving have? Time to first token and time per output token of
 * Llama 3.1 8B on one H100 as the batch grows, with the bound that limits each phase: decode
 * stays memory-bound and its throughput grows with the batch until the matrix math catches up.
 *
 * <p>Run: {@code java -cp cli/target/roofline4j.jar:examples/target/classes io.github.roofline4j.examples.ServingLatency}.
 */
public final class ServingLatency {

    private ServingLatency() {
    }

    /**
     * Estimates serving at each batch size.
     *
     * @param model a preset id
     * @param accelerator an accelerator id
     * @param batches batch sizes
     * @param promptTokens prompt tokens per request
     * @param outputTokens output tokens per request
     * @return one estimate per batch
     */
    public static List<InferenceEstimate> sweep(String model, String accelerator, List<Integer> batches, long promptTokens,
            long outputTokens) {
        List<InferenceEstimate> estimates = new ArrayList<>();
        for (int b : batches) {
            estimates.add(InferenceEstimator.estimate(Models.get(model), HardwareCatalog.builtIn().get(accelerator),
                    ServingPlan.builder().batch(b).promptTokens(promptTokens).outputTokens(outputTokens).build()));
        }
        return estimates;
    }

    /**
     * Prints the sweep.
     *
     * @param out where to print
     */
    public static void print(PrintStream out) {
        TextTable t = TextTable.withHeader("batch", "time to first token", "per output token", "tokens/s", "decode bound")
                .rightAligned("batch", "time to first token", "per output token", "tokens/s");
        for (InferenceEstimate e : sweep("llama-3.1-8b", "h100-sxm", List.of(1, 8, 32, 128, 256), 1024, 256)) {
            t.row(e.batch(), UnitFormat.seconds(e.prefillSeconds()), UnitFormat.seconds(e.decodeSecondsPerToken()),
                    UnitFormat.number(e.decodeTokensPerSecond()), e.bottleneck());
        }
        out.print(t.render());
    }

    /**
     * Prints the sweep to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        print(System.out);
    }
}
