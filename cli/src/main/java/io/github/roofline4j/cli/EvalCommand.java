package io.github.roofline4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.roofline4j.json.JsonApi;
import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code roofline4j eval}: the JSON API on the command line. A request object gives one response
 * object; an array gives an array of responses; with {@code --lines} (or a {@code .jsonl} or
 * {@code .ndjson} file) each input line is a request and each output line its response, streamed.
 * In a batch, failed requests give error responses and the command exits 2 after the others.
 */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = "Answer JSON requests (the JSON API): a request object, an array of them, or JSON Lines with --lines.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REQUEST", description = "A JSON file of requests, or - for standard input.")
    private String input;

    @Option(names = "--lines", description = "JSON Lines: one request per line in, one response per line out.")
    private boolean lines;

    @Option(names = "--no-files", description = "Refuse requests that name files ({\"path\": ...}); for untrusted input.")
    private boolean noFiles;

    @Override
    public Integer call() {
        JsonApi api = JsonApi.of(Target.resolver());
        if (noFiles) {
            api = api.withoutFiles();
        }
        PrintWriter out = spec.commandLine().getOut();
        String lower = input.toLowerCase(Locale.ROOT);
        if (lines || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            long failures;
            try (Reader in = open()) {
                failures = api.evaluateLines(in, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return finish(failures);
        }
        JsonNode document = input.equals("-") ? Json.parse(readStandardInput(), "stdin") : Json.read(Path.of(input));
        JsonNode response = api.evaluate(document, input.equals("-") ? "stdin" : input);
        out.println(Json.write(response));
        long failures = 0;
        if (response.isArray()) {
            for (JsonNode r : response) {
                failures += r.has("error") ? 1 : 0;
            }
        }
        return finish(failures);
    }

    private int finish(long failures) {
        if (failures == 0) {
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("eval: " + failures + " request" + (failures == 1 ? "" : "s") + " failed; see the error responses");
        err.flush();
        return Roofline4jCommand.BAD_INPUT;
    }

    private Reader open() throws IOException {
        InputStream in;
        if (input.equals("-")) {
            in = System.in;
        } else {
            try {
                in = Files.newInputStream(Path.of(input));
            } catch (NoSuchFileException e) {
                throw new InvalidInputException(input, "$", "no such file");
            }
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    private static String readStandardInput() {
        try {
            byte[] bytes = System.in.readNBytes((int) Json.MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > Json.MAX_DOCUMENT_BYTES) {
                throw new InvalidInputException("stdin", "$", "input is larger than " + Json.MAX_DOCUMENT_BYTES + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInputException("stdin", "$", "not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
