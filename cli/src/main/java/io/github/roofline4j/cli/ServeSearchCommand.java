package io.github.roofline4j.cli;

import java.io.PrintWriter;
import java.util.List;

import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.search.ServingCandidate;
import io.github.roofline4j.search.ServingSearch;
import io.github.roofline4j.search.ServingSearchResult;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.TextTable;
import io.github.roofline4j.units.UnitFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code roofline4j serve-search}: the serving configurations that meet latency targets. */
@Command(name = "serve-search",
        mixinStandardHelpOptions = true,
        description = "Find the devices, TP/PP, batch and weight/KV formats that serve a model within latency targets, "
                + "ranked by throughput per device.")
final class ServeSearchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private Target target;

    @Mixin
    private Calibrated calibrated;

    @Option(names = "--max-gpus", paramLabel = "N", description = "Most devices (powers of two up to N are tried; default: one scale-up domain).")
    private Integer maxGpus;

    @Option(names = "--prompt-tokens", paramLabel = "P", defaultValue = "512", description = "Prompt tokens per request (default: ${DEFAULT-VALUE}).")
    private long promptTokens;

    @Option(names = "--output-tokens", paramLabel = "O", defaultValue = "128", description = "Generated tokens per request (default: ${DEFAULT-VALUE}).")
    private long outputTokens;

    @Option(names = "--ttft", paramLabel = "S", defaultValue = "0", description = "Longest time to first token, seconds (default: no limit).")
    private double ttft;

    @Option(names = "--tpot", paramLabel = "S", defaultValue = "0", description = "Longest time per output token, seconds (default: no limit).")
    private double tpot;

    @Option(names = "--max-batch", paramLabel = "B", defaultValue = "1024", description = "Largest batch tried (default: ${DEFAULT-VALUE}).")
    private int maxBatch;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "Configurations to print (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Override
    public void run() {
        TransformerSpec model = target.model();
        if (maxGpus != null && maxGpus < 1) {
            throw new IllegalArgumentException("--max-gpus must be >= 1, was " + maxGpus);
        }
        ClusterSpec cluster;
        if (target.byHardware("--hardware")) {
            int domain = target.accelerator().scaleUpDomainDevices().orElse(1);
            cluster = ClusterSpec.of(target.accelerator(), maxGpus != null ? maxGpus : Math.min(domain, 8));
        } else {
            cluster = target.cluster();
        }
        int devices = maxGpus != null ? maxGpus : cluster.scaleUpDomainDevices();
        ServingSearchResult r = ServingSearch.run(model, cluster,
                new ServingSearch.Targets(promptTokens, outputTokens, ttft, tpot, devices, maxBatch,
                        calibrated.efficiency(cluster.accelerator())), top);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.mapper().createObjectNode();
            root.set("best", candidates(r.best()));
            root.set("bestPerDeviceCount", candidates(r.bestPerDeviceCount()));
            root.put("evaluated", r.evaluated());
            root.put("searchSeconds", r.searchSeconds());
            out.println(Json.mapper().writeValueAsString(root));
            return;
        }
        out.println("Best overall:");
        out.print(table(r.best()));
        out.println("Best per device count:");
        out.print(table(r.bestPerDeviceCount()));
        out.printf(java.util.Locale.ROOT, "%,d serving estimates in %s%n", r.evaluated(), UnitFormat.seconds(r.searchSeconds()));
        if (r.best().isEmpty()) {
            out.println("no configuration fits and meets the targets; relax --ttft/--tpot or allow more devices with --max-gpus");
        }
    }

    private static ArrayNode candidates(List<ServingCandidate> list) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (ServingCandidate c : list) {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("rank", c.rank());
            n.put("devices", c.plan().deviceCount());
            n.put("tensorParallel", c.plan().tensorParallel());
            n.put("pipelineParallel", c.plan().pipelineParallel());
            n.put("batch", c.plan().batch());
            n.put("format", c.format());
            n.put("tokensPerSecondPerDevice", c.tokensPerSecondPerDevice());
            n.set("estimate", Json.mapper().valueToTree(c.estimate()));
            a.add(n);
        }
        return a;
    }

    private static String table(List<ServingCandidate> list) {
        TextTable t = TextTable.withHeader("rank", "devices", "TP", "PP", "format", "batch", "TTFT", "TPOT",
                "tokens/s/device").rightAligned("rank", "devices", "TP", "PP", "batch", "TTFT", "TPOT", "tokens/s/device");
        for (ServingCandidate c : list) {
            t.row(c.rank(), c.plan().deviceCount(), c.plan().tensorParallel(), c.plan().pipelineParallel(), c.format(),
                    c.plan().batch(), UnitFormat.seconds(c.estimate().prefillSeconds()),
                    UnitFormat.seconds(c.estimate().decodeSecondsPerToken()), UnitFormat.count(c.tokensPerSecondPerDevice()));
        }
        return t.render();
    }
}
