package io.github.roofline4j.json;

import tools.jackson.databind.node.ObjectNode;

/**
 * One request of the JSON API: what to compute ({@link #kind()}), for what, and an optional
 * caller's {@link #id()} echoed in the {@link Response}.
 *
 * <p>The kinds are {@code hardware} ({@link HardwareRequest}), {@code cluster}
 * ({@link ClusterRequest}), {@code model} ({@link ModelRequest}), {@code inference}
 * ({@link InferenceRequest}), {@code training} ({@link TrainingRequest}) and {@code search}
 * ({@link SearchRequest}); each is one entry of
 * {@link RequestJson}'s table of kinds. {@link #toJson()} writes the request so that reading it
 * back ({@link RequestJson#read}) gives an equal request.
 *
 * @param <R> the type of the result
 */
public sealed interface Request<R> permits HardwareRequest, ClusterRequest, ModelRequest, InferenceRequest, TrainingRequest,
        SearchRequest {

    /**
     * Returns the kind, the request's {@code "kind"} field.
     *
     * @return the kind
     */
    String kind();

    /**
     * Returns the caller's id.
     *
     * @return the id, or null
     */
    String id();

    /**
     * Computes the result.
     *
     * @param resolver finds catalog ids
     * @return the result
     * @throws IllegalArgumentException if the request cannot be answered (an unknown id, a plan that breaks a rule)
     */
    R evaluate(HardwareResolver resolver);

    /**
     * Writes the request as JSON.
     *
     * @return the request object, with its {@code kind}
     */
    ObjectNode toJson();
}
