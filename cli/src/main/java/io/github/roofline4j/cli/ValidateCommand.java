package io.github.roofline4j.cli;

import java.io.PrintWriter;

import io.github.roofline4j.catalog.validation.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code roofline4j validate}: the accuracy report against every published result bundled with the library. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {"Run the library against every published result bundled with it (each with its source) and "
                + "print case, published, predicted and error; then the median and maximum error per group, and what "
                + "calibration does on gpt-fast's measurements.",
                "Positive errors mean the model predicts more than was measured (faster, for a throughput)."})
final class ValidateCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    private boolean json;

    @Option(names = "--markdown", description = "Print Markdown tables (the README's accuracy section).")
    private boolean markdown;

    @Override
    public void run() {
        if (json && markdown) {
            throw new IllegalArgumentException("give at most one of --json and --markdown");
        }
        ValidationReport report = ValidationReport.run();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson());
        } else {
            out.print(markdown ? report.markdown() : report.table());
        }
    }
}
