package io.github.roofline4j.json;

import io.github.roofline4j.support.Checks;
import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.JsonFields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer to one request: its kind and id, and either the result or the error.
 *
 * <p>In JSON: {@code {"kind": "inference", "id": "a", "result": {...}}} where the result is
 * exactly what the command line prints with {@code --json}, or {@code {"kind": "inference",
 * "id": "a", "error": {"path": "$.plan.batch", "message": "..."}}}. {@link #toJson()} and
 * {@link #fromJson(JsonNode, String)} give back an equal response.
 *
 * <p>Immutable and thread-safe when the result is (every result type is).
 *
 * @param kind the request's kind; null only for a failure to read it
 * @param id the request's id, or null
 * @param result the result, of the kind's type, or null on failure
 * @param error the failure, or null on success
 */
public record Response(String kind, String id, Object result, Failure error) {

    /**
     * Why a request failed.
     *
     * @param path the JSON path of the problem, {@code $} for the whole request
     * @param message the message, naming the field, the value and what was expected
     */
    public record Failure(String path, String message) {
        /**
         * Validates the failure.
         *
         * @throws IllegalArgumentException if a part is blank
         */
        public Failure {
            Checks.notBlank("path", path);
            Checks.notBlank("message", message);
        }
    }

    /**
     * Validates the response.
     *
     * @throws IllegalArgumentException unless exactly one of result and error is given, or if the
     *         result is not of the kind's type
     */
    public Response {
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("a response has exactly one of result and error");
        }
        if (result != null) {
            Class<?> type = RequestJson.resultType(kind);
            if (!type.isInstance(result)) {
                throw new IllegalArgumentException("result of kind " + kind + " must be a " + type.getSimpleName()
                        + ", was " + result.getClass().getSimpleName());
            }
        }
    }

    /**
     * Tells whether the request succeeded.
     *
     * @return true if there is a result
     */
    public boolean ok() {
        return result != null;
    }

    /**
     * Returns the result as its type.
     *
     * @param <T> the type
     * @param type the result type of the kind
     * @return the result
     * @throws IllegalStateException if the request failed
     * @throws ClassCastException if the result is of another type
     */
    public <T> T result(Class<T> type) {
        if (result == null) {
            throw new IllegalStateException("the request failed: " + error.message());
        }
        return type.cast(result);
    }

    /**
     * Writes the response.
     *
     * @return the JSON object
     */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        if (kind != null) {
            o.put("kind", kind);
        }
        if (id != null) {
            o.put("id", id);
        }
        if (result != null) {
            o.set("result", RequestJson.writeResult(kind, result));
        } else {
            o.putObject("error").put("path", error.path()).put("message", error.message());
        }
        return o;
    }

    /**
     * Reads a response written by {@link #toJson()}.
     *
     * @param node the response object
     * @param source a description of the input, for messages
     * @return the response
     * @throws InvalidInputException if the JSON is not a response
     */
    public static Response fromJson(JsonNode node, String source) {
        JsonFields f = JsonFields.of(node, source, "$");
        String kind = f.optionalString("kind").orElse(null);
        String id = f.optionalString("id").orElse(null);
        JsonNode result = f.raw("result");
        Failure failure = f.optionalObject("error").map(e -> {
            String path = e.string("path");
            String message = e.string("message");
            e.finish();
            return e.build(() -> new Failure(path, message));
        }).orElse(null);
        f.finish();
        Object value = result == null ? null : RequestJson.readResult(kind, result, source, f.pathOf("result"));
        return f.build(() -> new Response(kind, id, value, failure));
    }
}
