package io.github.roofline4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;

/**
 * The {@code roofline4j} command.
 *
 * <p>Exit codes: 0 on success; 2 for bad input (an unknown id, an invalid value, file or flag),
 * reported as one line on standard error; 1 for an internal error. Set the environment variable
 * {@code ROOFLINE4J_DEBUG=1} to see the stack trace of an internal error.
 */
@Command(name = "roofline4j",
        mixinStandardHelpOptions = true,
        versionProvider = Roofline4jCommand.Version.class,
        description = "Performance models of AI infrastructure: does it fit, how fast does it serve and train.",
        subcommands = {HardwareCommand.class, ModelCommand.class, InferenceCommand.class, TrainingCommand.class,
                RooflineCommand.class, SearchCommand.class, ServeSearchCommand.class, CalibrateCommand.class,
                ValidateCommand.class, EvalCommand.class})
public final class Roofline4jCommand implements Runnable {

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit code for an internal error. */
    public static final int INTERNAL_ERROR = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command; one of: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new PrintStream(System.out, true, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new PrintStream(System.err, true, StandardCharsets.UTF_8), true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command line with the given output streams, for tests and embedding.
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code: 0, 1 (internal error) or 2 (bad input)
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Roofline4jCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println(command + ": " + oneLine(ex.getMessage()) + " (see '" + command + " --help')");
            err.flush();
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String command = commandLine.getCommandSpec().qualifiedName();
            if (ex instanceof IllegalArgumentException) {
                err.println(command + ": " + oneLine(ex.getMessage()));
                err.flush();
                return BAD_INPUT;
            }
            err.println(command + ": internal error: " + oneLine(String.valueOf(ex)));
            if (System.getenv("ROOFLINE4J_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return INTERNAL_ERROR;
        });
        try {
            return cli.execute(args);
        } catch (RuntimeException | Error e) {
            // errors thrown outside the execution handler, such as a class failing to initialize
            err.println("roofline4j: internal error: " + oneLine(String.valueOf(e.getCause() != null ? e.getCause() : e)));
            if (System.getenv("ROOFLINE4J_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.flush();
            return INTERNAL_ERROR;
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** Reads the version filtered into the jar at build time. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Roofline4jCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"roofline4j " + p.getProperty("version", "unknown")};
        }
    }
}
