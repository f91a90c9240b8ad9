package io.github.roofline4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.ComputePath;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.hardware.HardwareJson;
import io.github.roofline4j.hardware.Interconnect;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.TextTable;
import io.github.roofline4j.units.UnitFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code roofline4j hardware}: the accelerator catalog and cluster presets. */
@Command(name = "hardware",
        mixinStandardHelpOptions = true,
        description = "List and show accelerators and cluster presets of the catalog, with the source of every figure.",
        subcommands = {HardwareCommand.ListCommand.class, HardwareCommand.ShowCommand.class,
                HardwareCommand.ClustersCommand.class})
final class HardwareCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand; one of: list, show, clusters");
    }

    /** {@code roofline4j hardware list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accelerators of the catalog.")
    static final class ListCommand implements Runnable {
        @Spec
        private CommandSpec spec;

        @Option(names = "--vendor", paramLabel = "V", description = "Only this vendor (NVIDIA, AMD, Google, Intel, AWS).")
        private String vendor;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        private boolean json;

        @Override
        public void run() {
            HardwareCatalog catalog = HardwareCatalog.builtIn();
            List<Accelerator> accelerators = vendor == null ? catalog.list() : catalog.list(vendor);
            if (vendor != null && accelerators.isEmpty()) {
                throw new IllegalArgumentException("--vendor: no accelerators from '" + vendor + "'; vendors: "
                        + String.join(", ", catalog.vendors()));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = Json.mapper().createObjectNode();
                ArrayNode array = root.putArray("accelerators");
                accelerators.forEach(a -> array.add(HardwareJson.toJson(a)));
                out.println(Json.write(root));
                return;
            }
            TextTable t = TextTable.withHeader("id", "vendor", "name", "memory", "bandwidth", "BF16", "FP8", "FP4",
                    "scale-up/dir").rightAligned("memory", "bandwidth", "BF16", "FP8", "FP4", "scale-up/dir");
            for (Accelerator a : accelerators) {
                t.row(a.id(), a.vendor(), a.displayName(), UnitFormat.bytes(a.memoryBytes()),
                        UnitFormat.bytesPerSecond(a.memoryBandwidthBytesPerSecond()),
                        nativePeak(a, DataType.BF16), nativePeak(a, DataType.FP8_E4M3), fp4(a),
                        a.scaleUp().map(l -> UnitFormat.bytesPerSecond(l.perDirectionBytesPerSecond())).orElse("-"));
            }
            out.print(t.render());
            out.println(accelerators.size() + " accelerators. Dense peaks; '-' = not native. "
                    + "'roofline4j hardware show ID' gives every figure with its source.");
        }
    }

    /** {@code roofline4j hardware show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one accelerator: every figure, how each data type runs, and the sources.")
    static final class ShowCommand implements Runnable {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "Catalog id or alias (h100, mi300x, tpu-v5p), or a path to an accelerator JSON file.")
        private String id;

        @Option(names = "--json", description = "Print JSON instead of text.")
        private boolean json;

        @Override
        public void run() {
            Accelerator a = HardwareCatalog.builtIn().resolve(id);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(HardwareJson.toJson(a)));
                return;
            }
            out.print(describe(a));
        }
    }

    /** {@code roofline4j hardware clusters}. */
    @Command(name = "clusters", mixinStandardHelpOptions = true, description = "List the cluster presets.")
    static final class ClustersCommand implements Runnable {
        @Spec
        private CommandSpec spec;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        private boolean json;

        @Override
        public void run() {
            List<ClusterSpec> clusters = HardwareCatalog.builtIn().clusters();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = Json.mapper().createObjectNode();
                ArrayNode array = root.putArray("clusters");
                clusters.forEach(c -> array.add(HardwareJson.toJson(c)));
                out.println(Json.write(root));
                return;
            }
            TextTable t = TextTable.withHeader("id", "accelerator", "devices", "nodes x per node", "scale-up domain",
                    "scale-up/dir", "scale-out/device").rightAligned("devices", "scale-up domain", "scale-up/dir",
                    "scale-out/device");
            for (ClusterSpec c : clusters) {
                t.row(c.id(), c.accelerator().id(), c.deviceCount(), c.nodeCount() + " x " + c.devicesPerNode(),
                        c.scaleUpDomainDevices(), UnitFormat.bytesPerSecond(c.scaleUp().perDirectionBytesPerSecond()),
                        c.scaleOut().map(l -> UnitFormat.bitsPerSecond(l.perDirectionBytesPerSecond())).orElse("-"));
            }
            out.print(t.render());
        }
    }

    static String describe(Accelerator a) {
        StringBuilder s = new StringBuilder();
        s.append(a.displayName()).append('\n');
        TextTable facts = TextTable.withHeader("figure", "value", "source");
        facts.row("id", a.id() + (a.aliases().isEmpty() ? "" : " (aliases: " + String.join(", ", a.aliases()) + ")"), "");
        facts.row("vendor", a.vendor(), "");
        facts.row("memory", UnitFormat.bytes(a.memoryBytes()) + " (" + UnitFormat.binaryBytes(a.memoryBytes()) + ")"
                + a.memoryType().map(t -> " " + t).orElse(""), source(a, "memoryBytes"));
        facts.row("memory bandwidth", UnitFormat.bytesPerSecond(a.memoryBandwidthBytesPerSecond()),
                source(a, "memoryBandwidthBytesPerSecond"));
        a.onChipCacheBytes().ifPresent(v -> facts.row("on-chip cache", UnitFormat.bytes(v), source(a, "onChipCacheBytes")));
        a.computeUnits().ifPresent(u -> facts.row("compute units", u.toString(), source(a, "computeUnits")));
        optional(facts, "clock (matrix peaks)", a.clockHertz(), UnitFormat::hertz, source(a, "clockHertz"));
        optional(facts, "TDP", a.tdpWatts(), UnitFormat::watts, source(a, "tdpWatts"));
        a.scaleUp().ifPresent(l -> facts.row("scale-up link", link(l), source(a, "scaleUp")));
        a.scaleUpDomainDevices().ifPresent(v -> facts.row("scale-up domain", v + " devices", source(a, "scaleUpDomainDevices")));
        a.devicesPerNode().ifPresent(v -> facts.row("devices per node", String.valueOf(v), source(a, "devicesPerNode")));
        a.scaleOut().ifPresent(l -> facts.row("scale-out network", l.name() + ", "
                + UnitFormat.bitsPerSecond(l.perDirectionBytesPerSecond()) + " per direction", source(a, "scaleOut")));
        a.hostLink().ifPresent(l -> facts.row("host link", link(l), source(a, "hostLink")));
        a.launchYear().ifPresent(v -> facts.row("launch year", String.valueOf(v), source(a, "launchYear")));
        s.append(facts.render()).append('\n');

        s.append("Peak rates by data type (dense; how each type runs)\n");
        TextTable rates = TextTable.withHeader("type", "matrix peak", "vector peak", "runs as", "source")
                .rightAligned("matrix peak", "vector peak");
        for (DataType t : DataType.values()) {
            Double matrix = a.peakFlopsPerSecond().get(t);
            Double vector = a.vectorFlopsPerSecond().get(t);
            String runsAs;
            try {
                ComputePath p = a.computePath(t);
                runsAs = p.isNative() ? "native" : p.executedAs().displayName() + (p.matrixUnits() ? " (upcast)" : " on vector units")
                        + " at " + UnitFormat.flopsPerSecond(p.flopsPerSecond());
            } catch (IllegalArgumentException e) {
                runsAs = "unsupported (no known rate)";
            }
            List<String> src = new ArrayList<>();
            if (matrix != null) {
                src.add(source(a, Accelerator.PEAK_KEY + "." + t.name()));
            }
            if (vector != null) {
                src.add(source(a, Accelerator.VECTOR_KEY + "." + t.name()));
            }
            rates.row(t.displayName(), matrix == null ? "-" : UnitFormat.flopsPerSecond(matrix),
                    vector == null ? "-" : UnitFormat.flopsPerSecond(vector), runsAs, String.join("; ", src));
        }
        s.append(rates.render());
        if (!a.notes().isEmpty()) {
            s.append('\n').append("Notes\n");
            a.notes().forEach(n -> s.append("- ").append(n).append('\n'));
        }
        if (!a.references().isEmpty()) {
            s.append('\n').append("References\n");
            Set<String> keys = new TreeSet<>(a.references().keySet());
            for (String key : keys) {
                s.append("[").append(key).append("] ").append(a.references().get(key)).append('\n');
            }
        }
        return s.toString();
    }

    private static String source(Accelerator a, String key) {
        return a.sources().getOrDefault(key, "");
    }

    private static String link(Interconnect l) {
        return l.name() + ", " + UnitFormat.bytesPerSecond(l.perDirectionBytesPerSecond()) + " per direction";
    }

    private static void optional(TextTable t, String name, OptionalDouble value,
            java.util.function.DoubleFunction<String> format, String source) {
        if (value.isPresent()) {
            t.row(name, format.apply(value.getAsDouble()), source);
        }
    }

    private static String nativePeak(Accelerator a, DataType t) {
        Double v = a.peakFlopsPerSecond().get(t);
        return v == null ? "-" : UnitFormat.flopsPerSecond(v);
    }

    private static String fp4(Accelerator a) {
        Map<DataType, Double> p = a.peakFlopsPerSecond();
        Double v = p.containsKey(DataType.NVFP4) ? p.get(DataType.NVFP4) : p.get(DataType.MXFP4);
        return v == null ? "-" : UnitFormat.flopsPerSecond(v);
    }
}
