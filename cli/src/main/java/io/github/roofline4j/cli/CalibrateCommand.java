package io.github.roofline4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.roofline4j.calibration.Calibration;
import io.github.roofline4j.calibration.CalibrationProfile;
import io.github.roofline4j.calibration.Measurements;
import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.hardware.Accelerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code roofline4j calibrate}: fit the efficiency model to the user's measurements. */
@Command(name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {"Fit the efficiency model of an accelerator to your measurements (CSV or JSON, columns "
                + "kind,dtype,m,n,k,bytes,group,scope,seconds): achievable bandwidth and launch latency from copies, "
                + "matrix-unit efficiency per data type from GEMMs, latency and bus bandwidth per collective and scope.",
                "Prints the fitted parameters with their fit quality; -o writes the profile that --calibration reads."})
final class CalibrateCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = "--hardware", required = true, paramLabel = "H",
            description = "The accelerator measured: an id or alias, or a path to an accelerator JSON file.")
    private String hardware;

    @Option(names = "--measurements", required = true, paramLabel = "FILE",
            description = "The measurements: a .csv file, or a .json array of objects with the same keys.")
    private Path measurements;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the profile (JSON) to this file.")
    private Path output;

    @Option(names = "--json", description = "Print the profile as JSON instead of a table.")
    private boolean json;

    @Override
    public void run() {
        Accelerator a = HardwareCatalog.builtIn().resolve(hardware);
        CalibrationProfile profile = Calibration.fit(a, Measurements.read(measurements));
        String document = profile.toJson();
        if (output != null) {
            try {
                Files.writeString(output, document + System.lineSeparator(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("-o: cannot write " + output + ": " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(document);
        } else {
            out.print(profile.table());
            if (output != null) {
                out.println("Profile written to " + output + "; use it with --calibration " + output);
            }
        }
    }
}
