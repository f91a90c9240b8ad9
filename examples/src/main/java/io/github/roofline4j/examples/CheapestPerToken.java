package io.github.roofline4j.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * Example: which accelerator is cheapest per token? Prices are yours to give (they change by
 * provider and month, so the library holds none): for each accelerator and its price per
 * device-hour, the largest batch that fits, its decode throughput, and dollars per million output
 * tokens = price / 3600 / (tokens per second per device) &times; 10<sup>6</sup>.
 *
 * <p>Run: {@code java -cp cli/target/roofline4j.jar:examples/target/classes io.github.roofline4j.examples.CheapestPerToken
 * llama-3.1-8b h100-sxm=PRICE mi300x=PRICE ...}, each PRICE in dollars per device-hour.
 */
public final class CheapestPerToken {

    private static final long PROMPT_TOKENS = 1024;
    private static final long OUTPUT_TOKENS = 512;
    private static final int MAX_BATCH = 256;

    private CheapestPerToken() {
    }

    /**
     * The cost of one accelerator.
     *
     * @param accelerator its id
     * @param pricePerDeviceHour dollars per device-hour, as given
     * @param estimate serving at the largest batch that fits (at most {@value #MAX_BATCH})
     * @param dollarsPerMillionTokens the cost of a million output tokens
     */
    public record Cost(String accelerator, double pricePerDeviceHour, InferenceEstimate estimate,
            double dollarsPerMillionTokens) {
    }

    /**
     * Prices each accelerator, cheapest first.
     *
     * @param model a preset id
     * @param pricesPerDeviceHour accelerator id to dollars per device-hour
     * @return the costs, cheapest first
     * @throws IllegalArgumentException if the model does not fit on one of the accelerators at batch 1
     */
    public static List<Cost> costs(String model, Map<String, Double> pricesPerDeviceHour) {
        TransformerSpec spec = Models.get(model);
        List<Cost> costs = new ArrayList<>();
        for (Map.Entry<String, Double> p : pricesPerDeviceHour.entrySet()) {
            Accelerator a = HardwareCatalog.builtIn().get(p.getKey());
            ServingPlan.Builder plan = ServingPlan.builder().promptTokens(PROMPT_TOKENS).outputTokens(OUTPUT_TOKENS)
                    .precision(new Precision(WeightFormat.parse("fp8"), DataType.BF16, KvFormat.parse("fp8")));
            InferenceEstimate probe = InferenceEstimator.estimate(spec, a, plan.build());
            if (probe.maxBatchAtContext() < 1) {
                throw new IllegalArgumentException(model + " does not fit on one " + a.id() + ": "
                        + String.join("; ", probe.violations()));
            }
            int batch = (int) Math.min(MAX_BATCH, probe.maxBatchAtContext());
            InferenceEstimate e = InferenceEstimator.estimate(spec, a, plan.batch(batch).build());
            double perMillion = p.getValue() / 3600 / (e.decodeTokensPerSecond() / e.devices()) * 1e6;
            costs.add(new Cost(a.id(), p.getValue(), e, perMillion));
        }
        costs.sort(Comparator.comparingDouble(Cost::dollarsPerMillionTokens));
        return costs;
    }

    /**
     * Prints the ranking.
     *
     * @param model a preset id
     * @param pricesPerDeviceHour accelerator id to dollars per device-hour
     * @param out where to print
     */
    public static void print(String model, Map<String, Double> pricesPerDeviceHour, PrintStream out) {
        TextTable t = TextTable.withHeader("accelerator", "$/device-hour", "batch", "tokens/s", "$ per 1M tokens")
                .rightAligned("$/device-hour", "batch", "tokens/s", "$ per 1M tokens");
        for (Cost c : costs(model, pricesPerDeviceHour)) {
            t.row(c.accelerator(), String.format(java.util.Locale.ROOT, "%.2f", c.pricePerDeviceHour()), c.estimate().batch(),
                    UnitFormat.number(c.estimate().decodeTokensPerSecond()),
                    String.format(java.util.Locale.ROOT, "%.3f", c.dollarsPerMillionTokens()));
        }
        out.print(t.render());
    }

    /**
     * Reads {@code MODEL ID=PRICE ...} and prints the ranking.
     *
     * @param args the model, then one {@code id=price} per accelerator
     * @throws IllegalArgumentException if an argument is not of that form
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: CheapestPerToken MODEL ID=PRICE_PER_DEVICE_HOUR [ID=PRICE ...]");
            return;
        }
        Map<String, Double> prices = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected ID=PRICE, was " + args[i]);
            }
            prices.put(kv[0], Double.parseDouble(kv[1]));
        }
        print(args[0], prices, System.out);
    }
}
