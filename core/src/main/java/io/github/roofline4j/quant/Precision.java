package io.github.roofline4j.quant;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.support.Checks;

/**
 * The number formats of a serving or training configuration: how weights, activations and the
 * KV cache are stored, and the data type the matrix math runs in.
 *
 * <p>The compute rule: the math runs in the wider of the weight element type and the activation
 * type, and the narrower one is converted on the fly. Weight-only formats (INT4/INT8/FP8/FP4
 * weights with BF16 activations) therefore read low-precision weights and compute in BF16;
 * INT8 weights with INT8 activations (W8A8) compute in INT8; FP8 with FP8 in FP8; NVFP4 with
 * FP8 activations in FP8 (W4A8). Whether the accelerator runs that type natively, or falls back
 * to an exact upcast, is {@link io.github.roofline4j.hardware.Accelerator#computePath}'s rule.
 * Mixing a float and an integer type of the same width (FP8 weights with INT8 activations) has no
 * kernel and is rejected.
 *
 * <p>Embeddings, the output head and norms stay in the activation type (quantization tools leave
 * them unquantized).
 *
 * <p>Immutable and thread-safe.
 *
 * @param weights the storage of the layers' weight matrices
 * @param activations the type of activations between operations
 * @param kvCache the storage of the KV cache
 */
public record Precision(WeightFormat weights, DataType activations, KvFormat kvCache) {

    /**
     * Validates the combination.
     *
     * @throws IllegalArgumentException if a part is missing, the activations are a block-scaled
     *         4-bit or integer-4 type, or weights and activations mix float and integer types of one width
     */
    public Precision {
        Checks.notNull("weights", weights);
        Checks.notNull("activations", activations);
        Checks.notNull("kvCache", kvCache);
        if (activations == DataType.INT4 || activations == DataType.TF32) {
            throw new IllegalArgumentException("activations must be fp32, bf16, fp16, fp8, int8, nvfp4 or mxfp4, was "
                    + activations.cliName());
        }
        DataType w = weights.elementType();
        if (w != activations && w.bitsPerElement() == activations.bitsPerElement()
                && w.isInteger() != activations.isInteger()) {
            throw new IllegalArgumentException("weights " + weights.name() + " with activations " + activations.cliName()
                    + ": no kernel multiplies a " + (w.isInteger() ? "integer" : "float") + " by a "
                    + (activations.isInteger() ? "integer" : "float") + " of the same width; use matching formats");
        }
    }

    /**
     * BF16 weights, activations and KV cache.
     *
     * @return the precision
     */
    public static Precision bf16() {
        return new Precision(WeightFormat.plain(DataType.BF16), DataType.BF16, KvFormat.plain(DataType.BF16));
    }

    /**
     * Returns the data type the matrix math of the layers runs in.
     *
     * @return the wider of the weight element type and the activation type (the activation type on a tie)
     */
    public DataType computeType() {
        DataType w = weights.elementType();
        return w.bitsPerElement() > activations.bitsPerElement() ? w : activations;
    }

    /**
     * Returns the bytes of one activation element.
     *
     * @return bytes per element of the activation type
     */
    public double activationBytes() {
        return activations.bytesPerElement();
    }

    @Override
    public String toString() {
        return "weights " + weights.name() + ", activations " + activations.cliName() + ", KV " + kvCache.name()
                + " (math in " + computeType().displayName() + ")";
    }
}
