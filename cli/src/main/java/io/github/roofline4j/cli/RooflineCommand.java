package io.github.roofline4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.roofline.EfficiencyModel;
import io.github.roofline4j.roofline.Roofline;
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

/** {@code roofline4j roofline}: ridge points of an accelerator. */
@Command(name = "roofline",
        mixinStandardHelpOptions = true,
        description = "Print an accelerator's roofline per data type: peak, bandwidth, ridge point, datasheet and achievable.")
final class RooflineCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = "--hardware", required = true, paramLabel = "H", description = "An accelerator id or alias, or a path to an accelerator JSON file.")
    private String hardware;

    @Option(names = "--dtype", paramLabel = "T", description = "One data type (bf16, fp8, nvfp4, ...); default: every type the accelerator has a rate for.")
    private String dtype;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    @Mixin
    private Calibrated calibrated;

    @Override
    public void run() {
        Accelerator a = HardwareCatalog.builtIn().resolve(hardware);
        EfficiencyModel e = calibrated.efficiency(a);
        List<Roofline> rooflines = new ArrayList<>();
        if (dtype != null) {
            rooflines.add(Roofline.of(a, Options.dataType("--dtype", dtype)));
        } else {
            for (DataType t : DataType.values()) {
                try {
                    rooflines.add(Roofline.of(a, t));
                } catch (IllegalArgumentException unsupported) {
                    // no rate for this type: not listed
                }
            }
        }
        double bandwidth = a.memoryBandwidthBytesPerSecond();
        double achievableBandwidth = bandwidth * e.memoryBandwidthFraction();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.mapper().createObjectNode();
            root.put("accelerator", a.id());
            root.put("memoryBandwidthBytesPerSecond", bandwidth);
            root.put("achievableMemoryBandwidthBytesPerSecond", achievableBandwidth);
            ArrayNode array = root.putArray("rooflines");
            for (Roofline r : rooflines) {
                double achievable = r.peakFlopsPerSecond() * e.matmulFraction(r.path().executedAs());
                ObjectNode o = array.addObject();
                o.put("dataType", r.path().requested().name());
                o.put("executedAs", r.path().executedAs().name());
                o.put("native", r.path().isNative());
                o.put("matrixUnits", r.path().matrixUnits());
                o.put("peakFlopsPerSecond", r.peakFlopsPerSecond());
                o.put("ridgePointFlopsPerByte", r.ridgePointFlopsPerByte());
                o.put("achievableFlopsPerSecond", achievable);
                o.put("achievableRidgePointFlopsPerByte", achievable / achievableBandwidth);
            }
            out.println(Json.write(root));
            return;
        }
        out.println(a.displayName() + ": memory bandwidth " + UnitFormat.bytesPerSecond(bandwidth) + " (achievable "
                + UnitFormat.bytesPerSecond(achievableBandwidth) + ")");
        TextTable t = TextTable.withHeader("type", "runs as", "peak", "ridge point", "achievable peak", "achievable ridge")
                .rightAligned("peak", "ridge point", "achievable peak", "achievable ridge");
        for (Roofline r : rooflines) {
            double achievable = r.peakFlopsPerSecond() * e.matmulFraction(r.path().executedAs());
            t.row(r.path().requested().displayName(), r.path().isNative() ? "native"
                    : r.path().executedAs().displayName() + (r.path().matrixUnits() ? " (upcast)" : " (vector units)"),
                    UnitFormat.flopsPerSecond(r.peakFlopsPerSecond()),
                    UnitFormat.number(r.ridgePointFlopsPerByte()) + " FLOP/B", UnitFormat.flopsPerSecond(achievable),
                    UnitFormat.number(achievable / achievableBandwidth) + " FLOP/B");
        }
        out.print(t.render());
        out.println("Operations below the ridge point are memory-bound. Achievable figures use the efficiency "
                + "model (" + e.source() + ").");
    }
}
