package io.github.roofline4j.examples;

import java.io.PrintStream;

import io.github.roofline4j.json.Roofline4j;
import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;

/**
 * Example: the JSON API, as another tool would use it. One request names the model, the
 * hardware and the plan; the response holds the estimate under the field names of
 * {@code roofline4j inference --json}.
 *
 * <p>Run: {@code java -cp cli/target/roofline4j.jar:examples/target/classes io.github.roofline4j.examples.AskInJson}.
 */
public final class AskInJson {

    /** Llama 3.1 70B in FP8 on four H100s, 16 requests of 2048 + 256 tokens. */
    public static final String REQUEST = """
            {"kind": "inference", "id": "70b-fp8-tp4", "model": "llama-3.1-70b", "hardware": "h100-sxm",
             "plan": {"tensorParallel": 4, "batch": 16, "promptTokens": 2048, "outputTokens": 256,
                      "weights": "fp8", "kvCache": "fp8"}}""";

    private AskInJson() {
    }

    /**
     * Sends the request.
     *
     * @return the response
     */
    public static JsonNode ask() {
        return Json.parse(Roofline4j.evaluate(REQUEST), "response");
    }

    /**
     * Prints a few fields of the response.
     *
     * @param out where to print
     */
    public static void print(PrintStream out) {
        JsonNode result = ask().get("result");
        for (String field : new String[] {"fits", "totalMemoryBytes", "prefillSeconds", "decodeSecondsPerToken",
                "decodeTokensPerSecond", "bottleneck"}) {
            out.println(field + ": " + result.get(field));
        }
    }

    /**
     * Prints to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        print(System.out);
    }
}
