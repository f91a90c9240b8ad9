package io.github.roofline4j.json;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;

import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ArrayNode;

/**
 * The JSON API: requests in, {@link Response}s out, one at a time, as an array, or as a stream
 * of JSON Lines. {@link Roofline4j} offers the same with the built-in catalog.
 *
 * <p>A request object names its {@code kind} ({@code hardware}, {@code cluster}, {@code model},
 * {@code inference}, {@code training}), the model, the hardware or cluster and the plan (see
 * {@link RequestJson}); the response carries the result under the same field names as the
 * command line's {@code --json}. A single request that cannot be answered throws; in an array
 * or a stream each failure becomes an error response and the others go on.
 *
 * <p>Input is treated as hostile: the limits and strictness of {@link Json} (size, nesting,
 * number length, duplicate keys, non-finite numbers) and {@link io.github.roofline4j.support.JsonFields}
 * (unknown fields, types, ranges) apply, nothing is bound polymorphically, and {@link #withoutFiles()}
 * refuses requests that name files, for servers that evaluate other people's requests.
 *
 * <pre>{@code
 * JsonApi api = JsonApi.of(HardwareResolver.discover());
 * String response = api.evaluate("{\"kind\": \"inference\", \"model\": \"llama-3.1-8b\", \"hardware\": \"h100-sxm\"}");
 * }</pre>
 *
 * <p>Immutable and thread-safe when the resolver is.
 */
public final class JsonApi {

    /** The source name of a request given as a string. */
    public static final String SOURCE = "request";

    private static final ObjectWriter ONE_LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private final HardwareResolver resolver;
    private final boolean filesAllowed;

    private JsonApi(HardwareResolver resolver, boolean filesAllowed) {
        this.resolver = resolver;
        this.filesAllowed = filesAllowed;
    }

    /**
     * Creates the API with a resolver of catalog ids; requests may name files.
     *
     * @param resolver finds catalog ids ({@link HardwareResolver#discover()} for the built-in catalog)
     * @return the API
     * @throws IllegalArgumentException if the resolver is null
     */
    public static JsonApi of(HardwareResolver resolver) {
        if (resolver == null) {
            throw new IllegalArgumentException("resolver must not be null");
        }
        return new JsonApi(resolver, true);
    }

    /**
     * Returns this API refusing requests that name files ({@code {"path": ...}} sources).
     *
     * @return the API
     */
    public JsonApi withoutFiles() {
        return new JsonApi(resolver, false);
    }

    /**
     * Reads one request.
     *
     * @param node the request object
     * @param source a description of the input, for messages
     * @param path the JSON path of the request
     * @return the request
     * @throws InvalidInputException naming the JSON path of the problem
     */
    public Request<?> read(JsonNode node, String source, String path) {
        return RequestJson.read(node, source, path, resolver, filesAllowed);
    }

    /**
     * Answers one request.
     *
     * @param request the request
     * @return the successful response
     * @throws IllegalArgumentException if the request cannot be answered
     */
    public Response evaluate(Request<?> request) {
        Object result;
        try {
            result = request.evaluate(resolver);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the request's sizes overflow 64-bit arithmetic (" + e.getMessage() + ")");
        }
        return new Response(request.kind(), request.id(), result, null);
    }

    /**
     * Answers a request object, or each request of an array.
     *
     * @param document a request object or an array of them
     * @param source a description of the input, for messages
     * @return the response object (for an object) or an array of responses, failures included (for an array)
     * @throws IllegalArgumentException if the document is neither, or a single request cannot be answered
     */
    public JsonNode evaluate(JsonNode document, String source) {
        if (document != null && document.isArray()) {
            ArrayNode responses = Json.mapper().createArrayNode();
            for (int i = 0; i < document.size(); i++) {
                responses.add(answer(document.get(i), source, "$[" + i + "]").toJson());
            }
            return responses;
        }
        if (document == null || !document.isObject()) {
            throw new InvalidInputException(source, "$", "expected a request object or an array of them");
        }
        return evaluate(read(document, source, "$")).toJson();
    }

    /**
     * Answers a request object, or each request of an array, given as JSON text.
     *
     * @param json the document
     * @return the indented response JSON
     * @throws IllegalArgumentException if the text is not JSON within the limits, or a single request cannot be answered
     */
    public String evaluate(String json) {
        return Json.write(evaluate(Json.parse(json, SOURCE), SOURCE));
    }

    /**
     * Answers one request without throwing: a failure to read or answer it becomes an error response.
     *
     * @param node the request object
     * @param source a description of the input, for messages
     * @param path the JSON path of the request
     * @return the response
     */
    public Response answer(JsonNode node, String source, String path) {
        try {
            return evaluate(read(node, source, path));
        } catch (InvalidInputException e) {
            return failure(node, e.path(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return failure(node, path, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /**
     * Answers a stream of JSON Lines: one request object per line in, one response per line
     * out, in order. Blank lines are skipped; a line that is not a valid request, or whose request
     * fails, gives an error response and the stream goes on. A line longer than
     * {@link Json#MAX_DOCUMENT_BYTES} characters is skipped with an error response.
     *
     * @param in the requests
     * @param out the responses, flushed after each line
     * @return the number of error responses
     * @throws InvalidInputException if the input is not UTF-8 text (for a reader that reports
     *         malformed input), after the responses to the lines before
     * @throws UncheckedIOException if reading or writing fails
     */
    public long evaluateLines(Reader in, Writer out) {
        long failures = 0;
        long lineNumber = 0;
        StringBuilder line = new StringBuilder();
        try {
            boolean more = true;
            while (more) {
                line.setLength(0);
                boolean tooLong = false;
                int c;
                while ((c = in.read()) != -1 && c != '\n') {
                    if (line.length() < Json.MAX_DOCUMENT_BYTES) {
                        line.append((char) c);
                    } else {
                        tooLong = true;
                    }
                }
                more = c != -1;
                lineNumber++;
                Response r;
                String source = "line " + lineNumber;
                if (tooLong) {
                    r = failure(null, "$", source + ": $: line is longer than " + Json.MAX_DOCUMENT_BYTES + " characters");
                } else if (line.toString().isBlank()) {
                    continue;
                } else {
                    try {
                        r = answer(Json.parse(line.toString(), source), source, "$");
                    } catch (InvalidInputException e) {
                        r = failure(null, e.path(), e.getMessage());
                    }
                }
                failures += r.ok() ? 0 : 1;
                out.write(ONE_LINE.writeValueAsString(r.toJson()));
                out.write('\n');
                out.flush();
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("line " + lineNumber, "$", "not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return failures;
    }

    private static Response failure(JsonNode request, String path, String message) {
        String kind = null;
        String id = null;
        if (request != null && request.isObject()) {
            JsonNode k = request.get("kind");
            JsonNode i = request.get("id");
            kind = k != null && k.isString() && RequestJson.kinds().contains(k.stringValue()) ? k.stringValue() : null;
            id = i != null && i.isString() ? i.stringValue() : null;
        }
        return new Response(kind, id, null, new Response.Failure(path, message));
    }
}
