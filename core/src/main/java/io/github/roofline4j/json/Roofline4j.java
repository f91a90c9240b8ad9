package io.github.roofline4j.json;

import tools.jackson.databind.JsonNode;

/**
 * The library's front door for other tools: one JSON request in, one JSON response out.
 *
 * <pre>{@code
 * String response = Roofline4j.evaluate("""
 *     {"kind": "inference", "model": "llama-3.1-70b", "hardware": "h100-sxm",
 *      "plan": {"tensorParallel": 4, "batch": 8, "weights": "fp8"}}""");
 * }</pre>
 *
 * <p>Catalog ids are resolved through {@link HardwareResolver#discover()}: the built-in hardware
 * catalog when {@code roofline4j-hardware-catalog} is on the class path (it registers itself as
 * a service, since core cannot depend on it). The request and response formats are described by
 * the JSON Schema {@value #SCHEMA_RESOURCE} on the class path and by {@link JsonApi}.
 *
 * <p>Thread-safe.
 */
public final class Roofline4j {

    /** The class-path resource holding the JSON Schema of requests and responses. */
    public static final String SCHEMA_RESOURCE = "/io/github/roofline4j/json/roofline4j.schema.json";

    private Roofline4j() {
    }

    private static final class Holder {
        static final JsonApi API = JsonApi.of(HardwareResolver.discover());
    }

    /**
     * Returns the API with the discovered catalog, files allowed.
     *
     * @return the API
     */
    public static JsonApi api() {
        return Holder.API;
    }

    /**
     * Answers a request object, or each request of an array.
     *
     * @param json the request JSON
     * @return the response JSON, indented
     * @throws IllegalArgumentException if the JSON is invalid or a single request cannot be answered,
     *         naming the JSON path of the problem
     */
    public static String evaluate(String json) {
        return api().evaluate(json);
    }

    /**
     * Answers a request object, or each request of an array.
     *
     * @param request the request tree
     * @return the response tree
     * @throws IllegalArgumentException if the request is invalid or a single request cannot be answered
     */
    public static JsonNode evaluate(JsonNode request) {
        return api().evaluate(request, JsonApi.SOURCE);
    }
}
