package io.github.roofline4j.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.inference.InferenceEstimate;
import io.github.roofline4j.inference.InferenceEstimator;
import io.github.roofline4j.inference.ServingPlan;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.quant.WeightFormat;
import io.github.roofline4j.support.TextTable;
import io.github.roofline4j.units.UnitFormat;

/**
 * Example: will Llama 3.1 70B fit, and with how many concurrent 8k-token requests? For a few
 * accelerators, tensor-parallel degrees and weight formats: the memory per device, whether it
 * fits and the most sequences of 8192 tokens the KV cache holds.
 *
 * <p>Run: {@code java -cp cli/target/roofline4j.jar:examples/target/classes io.github.roofline4j.examples.WillItFit [MODEL]}.
 */
public final class WillItFit {

    /** Tokens per sequence asked about: an 8k context. */
    public static final long CONTEXT_TOKENS = 8192;

    private WillItFit() {
    }

    /**
     * One answer.
     *
     * @param accelerator the accelerator's id
     * @param tensorParallel devices the model is split over
     * @param weights the weight format
     * @param estimate the estimate at batch 1 and the full context
     */
    public record Answer(String accelerator, int tensorParallel, String weights, InferenceEstimate estimate) {
    }

    /**
     * Estimates every combination.
     *
     * @param model a preset id or config.json path
     * @param accelerators accelerator ids
     * @param tensorParallel TP degrees to try
     * @param weights weight formats to try
     * @return the answers, in loop order
     */
    public static List<Answer> answers(String model, List<String> accelerators, List<Integer> tensorParallel,
            List<String> weights) {
        TransformerSpec spec = Models.resolve(model);
        List<Answer> answers = new ArrayList<>();
        for (String id : accelerators) {
            Accelerator a = HardwareCatalog.builtIn().get(id);
            for (int tp : tensorParallel) {
                for (String w : weights) {
                    ServingPlan plan = ServingPlan.builder().tensorParallel(tp).promptTokens(CONTEXT_TOKENS - 1).outputTokens(1)
                            .precision(new Precision(WeightFormat.parse(w), DataType.BF16, KvFormat.plain(DataType.BF16)))
                            .build();
                    answers.add(new Answer(a.id(), tp, w, InferenceEstimator.estimate(spec, a, plan)));
                }
            }
        }
        return answers;
    }

    /**
     * Prints the table.
     *
     * @param model a preset id or config.json path
     * @param out where to print
     */
    public static void print(String model, PrintStream out) {
        TextTable t = TextTable.withHeader("accelerator", "TP", "weights", "memory per device", "fits",
                "8k sequences").rightAligned("TP", "memory per device", "8k sequences");
        for (Answer a : answers(model, List.of("a100-sxm-80gb", "h100-sxm", "h200-sxm", "mi300x"), List.of(1, 2, 4, 8),
                List.of("bf16", "fp8", "int4"))) {
            InferenceEstimate e = a.estimate();
            t.row(a.accelerator(), a.tensorParallel(), a.weights(), UnitFormat.binaryBytes(e.totalMemoryBytes()),
                    e.fits() ? "yes" : "no", e.maxBatchAtContext());
        }
        out.print(t.render());
    }

    /**
     * Prints the table for Llama 3.1 70B, or the model given.
     *
     * @param args an optional model id or path
     */
    public static void main(String[] args) {
        print(args.length > 0 ? args[0] : "llama-3.1-70b", System.out);
    }
}
