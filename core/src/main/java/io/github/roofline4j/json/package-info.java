/**
 * The JSON API: one request and response format for every estimator, for tools that are not
 * written in Java ({@code roofline4j eval}) and for Java code that keeps scenarios as data.
 *
 * <p>A request is an object with a {@code kind} and the inputs of that kind:
 * <pre>{@code
 * {"kind": "hardware",  "hardware": "h100-sxm"}
 * {"kind": "cluster",   "cluster": "dgx-h100", "gpus": 64}
 * {"kind": "model",     "model": "llama-3.1-70b", "sequenceTokens": 8192, "kvCache": "fp8"}
 * {"kind": "inference", "id": "a", "model": "llama-3.1-70b", "hardware": "h100-sxm",
 *  "plan": {"tensorParallel": 4, "batch": 16, "weights": "fp8"}}
 * {"kind": "training",  "model": "llama-3.1-8b", "hardware": "h100-sxm", "gpus": 64,
 *  "plan": {"tensorParallel": 2, "zero": 1}, "budget": {"tokens": 1e12, "pricePerDeviceHour": 2.5}}
 * }</pre>
 * The model is a preset id, {@code {"path": ...}} or {@code {"config": {...}, "name": ...}}
 * ({@link io.github.roofline4j.json.ModelSource}); the hardware a catalog id, a path or an
 * accelerator object ({@link io.github.roofline4j.json.HardwareSource}); the cluster likewise
 * ({@link io.github.roofline4j.json.ClusterSource}). A response is {@code {"kind", "id",
 * "result"}} with the result under the field names of the command line's {@code --json}, or
 * {@code {"kind", "id", "error": {"path", "message"}}} ({@link io.github.roofline4j.json.Response}).
 * The JSON Schema is the resource {@value io.github.roofline4j.json.Roofline4j#SCHEMA_RESOURCE}.
 *
 * <p>The command line and this API share one path from inputs to estimates: the commands
 * {@code inference}, {@code training} and {@code model show} build the same
 * {@link io.github.roofline4j.json.Request} records that the API reads, and evaluate them.
 *
 * <p>Catalog ids are resolved through {@link io.github.roofline4j.json.HardwareResolver}, which
 * the hardware-catalog module supplies as a service, since core does not depend on it.
 *
 * <p>A new kind (such as {@code search}) is a {@link io.github.roofline4j.json.Request} record
 * (added to the {@code permits} list), one entry in {@link io.github.roofline4j.json.RequestJson}'s
 * table of kinds (its reader and the writer and reader of its result), and its request and result
 * definitions in the schema.
 */
package io.github.roofline4j.json;
