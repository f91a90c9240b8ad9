package io.github.roofline4j.quant;

import java.util.List;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.support.Suggestions;
import io.github.roofline4j.support.UnknownNameException;

/**
 * How the KV cache is stored.
 *
 * <p>BF16 and FP16 store elements as they are; FP8 (E4M3) with a per-tensor scale, whose cost
 * is nothing per token (vLLM's FP8 KV cache); INT8 and INT4 with an FP16 scale and an FP16 zero
 * point per head vector of each token (asymmetric per-token quantization as in KIVI, Liu et al.
 * 2024, and LMDeploy's KV INT8/INT4): 32 bits per {@code head_dim} elements.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the name, such as {@code fp8}
 * @param elementType the stored element type
 * @param scaleBitsPerVector bits of scale and zero point per head vector of one token
 */
public record KvFormat(String name, DataType elementType, int scaleBitsPerVector) {

    /** The names accepted by {@link #parse(String)}. */
    public static final List<String> NAMES = List.of("fp32", "bf16", "fp16", "fp8", "int8", "int4");

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a component is missing or negative
     */
    public KvFormat {
        Checks.notBlank("name", name);
        Checks.notNull("elementType", elementType);
        Checks.nonNegative("scaleBitsPerVector", scaleBitsPerVector);
    }

    /**
     * The KV format that stores elements of a type without scales.
     *
     * @param type the element type
     * @return the format
     */
    public static KvFormat plain(DataType type) {
        return new KvFormat(type.cliName(), type, 0);
    }

    /**
     * Returns the KV-cache format a server uses by default for an activation type: the same
     * type (vLLM's {@code kv_cache_dtype="auto"}), with FP8 activations caching FP8 (E4M3), and
     * BF16 for the types no cache is kept in (4-bit and TF32 activations).
     *
     * @param activations the activation type
     * @return the format
     */
    public static KvFormat forActivations(DataType activations) {
        return switch (activations) {
            case FP32 -> plain(DataType.FP32);
            case FP16 -> plain(DataType.FP16);
            case FP8_E4M3, FP8_E5M2 -> parse("fp8");
            case INT8 -> parse("int8");
            default -> plain(DataType.BF16);
        };
    }

    /**
     * Reads a format name, case-insensitively: {@code fp32}, {@code bf16}, {@code fp16},
     * {@code fp8}, {@code int8}, {@code int4}.
     *
     * @param name the name
     * @return the format
     * @throws UnknownNameException if the name is not a KV format, with the closest names
     */
    public static KvFormat parse(String name) {
        Checks.notNull("format", name);
        return switch (Suggestions.normalize(name)) {
            case "fp32" -> plain(DataType.FP32);
            case "bf16" -> plain(DataType.BF16);
            case "fp16" -> plain(DataType.FP16);
            case "fp8", "fp8-e4m3" -> new KvFormat("fp8", DataType.FP8_E4M3, 0);
            case "int8" -> new KvFormat("int8", DataType.INT8, 32);
            case "int4" -> new KvFormat("int4", DataType.INT4, 32);
            default -> throw new UnknownNameException("KV-cache format", name, Suggestions.closest(name, NAMES, 3));
        };
    }

    /**
     * Returns the bytes of cached elements, with the scales of their head vectors.
     *
     * @param elements cached elements, &ge; 0
     * @param vectorLength elements per scaled vector (the head dimension, or the MLA latent width), &gt; 0
     * @return bytes, rounded up
     */
    public long bytes(long elements, int vectorLength) {
        Checks.nonNegative("elements", elements);
        Checks.positive("vectorLength", vectorLength);
        long vectors = (elements + vectorLength - 1) / vectorLength;
        long bits = Math.addExact(Math.multiplyExact(elements, (long) elementType.bitsPerElement()),
                Math.multiplyExact(vectors, (long) scaleBitsPerVector));
        return (bits + 7) / 8;
    }
}
