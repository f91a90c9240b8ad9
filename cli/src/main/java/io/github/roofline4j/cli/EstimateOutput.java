package io.github.roofline4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.inference.OperationRow;
import io.github.roofline4j.json.Devices;
import io.github.roofline4j.support.Json;
import picocli.CommandLine.Option;

/** How an estimating command prints its result: a text table or {@code --json}, and the {@code --plot} roofline. */
final class EstimateOutput {

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "Also write the roofline of the operations (labelled by name and bound) to FILE, .png or .svg.")
    private Path plot;

    /**
     * Writes the plot if asked, then prints the result.
     *
     * @param out standard output
     * @param result the estimate, written as JSON with {@code --json}
     * @param table its text table
     * @param devices the request's devices, for the plot's ceilings
     * @param type the data type of the matrix math
     * @param operations the estimate's operations, the plot's points
     */
    void print(PrintWriter out, Object result, String table, Devices devices, DataType type, List<OperationRow> operations) {
        if (plot != null) {
            Target.plot(devices, type, operations, plot);
        }
        if (json) {
            out.println(Json.mapper().writeValueAsString(result));
        } else {
            out.print(table);
        }
    }
}
