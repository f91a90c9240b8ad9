package io.github.roofline4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs Java source the way JShell and the JJava Jupyter kernel do, through the JDK's
 * {@code jdk.jshell} API, with this test's own class path (the modules under test and their
 * dependencies, so nothing is downloaded), and collects every problem: a rejected snippet, a
 * compilation error, an unresolved reference, an exception, or output on standard error.
 * Snippets run in a separate JVM (JShell's default engine), whose output is captured.
 */
final class JShellSession implements AutoCloseable {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final JShell shell;
    private final List<String> values = new ArrayList<>();

    JShellSession() {
        shell = JShell.builder().out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .remoteVMOptions("-Djava.awt.headless=true", "-Duser.language=en", "-Duser.country=US").build();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                shell.addToClasspath(entry);
            }
        }
    }

    /**
     * Runs source that may hold several snippets, in order.
     *
     * @param source Java source as JShell reads it
     * @param where a description of the source, for messages
     * @return the problems, empty if every snippet ran cleanly
     */
    List<String> run(String source, String where) {
        List<String> problems = new ArrayList<>();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = source;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                problems.add(where + ": incomplete source: " + remaining.strip());
                break;
            }
            String snippet = info.source();
            remaining = info.remaining();
            for (SnippetEvent e : shell.eval(snippet)) {
                problems.addAll(problems(e, where));
            }
        }
        String errors = err.toString(StandardCharsets.UTF_8);
        if (!errors.isBlank()) {
            problems.add(where + ": error output: " + errors.strip());
            err.reset();
        }
        return problems;
    }

    private List<String> problems(SnippetEvent e, String where) {
        List<String> problems = new ArrayList<>();
        Snippet s = e.snippet();
        String head = where + ": " + s.source().strip().lines().findFirst().orElse("") + ": ";
        if (e.status() == Snippet.Status.REJECTED) {
            String diagnostics = shell.diagnostics(s).map(Diag::toString).collect(Collectors.joining("; "));
            problems.add(head + "rejected: " + diagnostics);
        } else if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            problems.add(head + "unresolved references");
        }
        if (e.exception() != null) {
            String name = e.exception() instanceof EvalException ee ? ee.getExceptionClassName() : e.exception().getClass().getName();
            problems.add(head + name + ": " + e.exception().getMessage());
        }
        if (e.value() != null && e.causeSnippet() == null) {
            values.add(e.value());
        }
        return problems;
    }

    /**
     * Returns the values of the expressions and variables evaluated so far, as JShell shows them.
     *
     * @return the values
     */
    List<String> values() {
        return values;
    }

    /**
     * Returns what the snippets printed on standard output.
     *
     * @return the output
     */
    String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        shell.close();
    }
}
