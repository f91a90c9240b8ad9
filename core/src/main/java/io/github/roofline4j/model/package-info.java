/**
 * Transformer models: the {@link io.github.roofline4j.model.TransformerSpec} of a network,
 * Hugging Face {@code config.json} import, the preset catalog, and the exact math of parameter
 * counts, FLOPs per token and KV-cache bytes, with the published closed forms beside it.
 */
package io.github.roofline4j.model;
