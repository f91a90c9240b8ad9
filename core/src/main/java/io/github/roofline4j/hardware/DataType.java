package io.github.roofline4j.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.roofline4j.support.Suggestions;
import io.github.roofline4j.support.UnknownNameException;

/**
 * The numeric formats that accelerators compute in and that tensors are stored in.
 *
 * <p>{@link #bitsPerElement()} is the storage width of one element. For the block-scaled 4-bit
 * formats it is the width of the element alone; the shared scales (one FP8 E4M3 scale per 16
 * elements for NVFP4, one E8M0 scale per 32 elements for MXFP4, per the OCP Microscaling
 * specification v1.0) are accounted for by the quantization formats. TF32 is a tensor-core math
 * mode on FP32 storage, so it stores 32 bits.
 *
 * <h2>Exact upcasts</h2>
 * {@link #exactUpcasts()} lists, for each type, the wider types that hold every one of its
 * values exactly. It is the rule {@link Accelerator#computePath(DataType)} uses when an
 * accelerator has no native matrix path for a type: FP8 on an A100 runs at the BF16 rate after
 * an upcast, BF16 on a V100 (no BF16 tensor cores) at the FP32 vector rate. (The list goes up
 * to FP64; {@code computePath} takes FP64 as an upcast only on the matrix units, never on the
 * vector units.) A float format fits in another when both its exponent and its mantissa are no
 * wider; an n-bit integer fits in a float with at least n significant bits. NVFP4 does not fit
 * in FP8: an E4M3 scale (4 significant bits) times an E2M1 element (2 significant bits) needs 6
 * significant bits. MXFP4 does not fit in FP16 or FP8, since its E8M0 scales span
 * 2<sup>&plusmn;127</sup>. Its upcasts to BF16, TF32 and FP32 (8-bit exponents) are exact for
 * every scale up to 2<sup>125</sup>; at the two largest scales, 2<sup>126</sup> and
 * 2<sup>127</sup>, the largest elements overflow (6 &middot; 2<sup>127</sup> exceeds BF16's maximum
 * of about 3.39 &middot; 10<sup>38</sup>), a range no trained tensor uses. Only FP64 holds every
 * MXFP4 value.
 */
public enum DataType {
    /** IEEE 754 binary64. */
    FP64("FP64", 64),
    /** IEEE 754 binary32. */
    FP32("FP32", 32),
    /** NVIDIA TensorFloat-32: FP32 storage, 8-bit exponent and 10-bit mantissa in the tensor cores. */
    TF32("TF32", 32),
    /** bfloat16: 8-bit exponent, 7-bit mantissa. */
    BF16("BF16", 16),
    /** IEEE 754 binary16: 5-bit exponent, 10-bit mantissa. */
    FP16("FP16", 16),
    /** OCP FP8 E4M3 (the usual FP8 for weights and activations). */
    FP8_E4M3("FP8 (E4M3)", 8),
    /** OCP FP8 E5M2 (the usual FP8 for gradients). */
    FP8_E5M2("FP8 (E5M2)", 8),
    /** OCP FP6 (E2M3 or E3M2), as in MXFP6; accelerators run both at one rate. */
    FP6("FP6", 6),
    /** NVIDIA NVFP4: E2M1 elements with one FP8 E4M3 scale per 16 elements. */
    NVFP4("NVFP4", 4),
    /** OCP MXFP4: E2M1 elements with one E8M0 scale per 32 elements. */
    MXFP4("MXFP4", 4),
    /** 8-bit signed integer. */
    INT8("INT8", 8),
    /** 4-bit signed integer. */
    INT4("INT4", 4);

    private static final Map<String, DataType> ALIASES = Map.ofEntries(
            Map.entry("fp64", FP64), Map.entry("double", FP64),
            Map.entry("fp32", FP32), Map.entry("float", FP32), Map.entry("float32", FP32),
            Map.entry("tf32", TF32),
            Map.entry("bf16", BF16), Map.entry("bfloat16", BF16),
            Map.entry("fp16", FP16), Map.entry("float16", FP16), Map.entry("half", FP16),
            Map.entry("fp8", FP8_E4M3), Map.entry("fp8-e4m3", FP8_E4M3), Map.entry("e4m3", FP8_E4M3),
            Map.entry("fp8-e5m2", FP8_E5M2), Map.entry("e5m2", FP8_E5M2),
            Map.entry("fp6", FP6),
            Map.entry("nvfp4", NVFP4), Map.entry("mxfp4", MXFP4),
            Map.entry("int8", INT8), Map.entry("int4", INT4));

    private final String displayName;
    private final int bitsPerElement;

    DataType(String displayName, int bitsPerElement) {
        this.displayName = displayName;
        this.bitsPerElement = bitsPerElement;
    }

    /**
     * Returns the storage width of one element.
     *
     * @return bits per element (4 for NVFP4 and MXFP4, whose scales are counted separately; 32 for TF32)
     */
    public int bitsPerElement() {
        return bitsPerElement;
    }

    /**
     * Returns the storage width of one element in bytes.
     *
     * @return bytes per element, 0.5 for the 4-bit types
     */
    public double bytesPerElement() {
        return bitsPerElement / 8.0;
    }

    /**
     * Returns the name used in tables, such as {@code "FP8 (E4M3)"}.
     *
     * @return the display name
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Tells whether this is an integer format.
     *
     * @return true for INT8 and INT4
     */
    public boolean isInteger() {
        return this == INT8 || this == INT4;
    }

    /**
     * Returns the wider types that represent every value of this type exactly, in the order of
     * preference when their rates tie. The list includes FP64 for every type but FP64 itself;
     * {@link Accelerator#computePath(DataType)} uses FP64 only on the matrix units (FP64 tensor
     * cores), as vector-unit upcasts stop at FP32. MXFP4 to BF16, TF32 and FP32 is exact for
     * every E8M0 scale up to 2<sup>125</sup>; at the largest scales 6 &middot; 2<sup>127</sup>
     * exceeds their range (see the class description).
     *
     * @return the exact upcast targets, possibly empty (FP64)
     */
    public List<DataType> exactUpcasts() {
        return switch (this) {
            case FP64 -> List.of();
            case FP32 -> List.of(FP64);
            case TF32 -> List.of(FP32, FP64);
            case BF16, FP16 -> List.of(TF32, FP32, FP64);
            case FP8_E4M3, FP8_E5M2 -> List.of(BF16, FP16, TF32, FP32, FP64);
            case FP6 -> List.of(FP8_E4M3, BF16, FP16, TF32, FP32, FP64);
            case NVFP4 -> List.of(BF16, FP16, TF32, FP32, FP64);
            case MXFP4 -> List.of(BF16, TF32, FP32, FP64);
            case INT8 -> List.of(BF16, FP16, TF32, FP32, FP64);
            case INT4 -> List.of(INT8, FP8_E4M3, BF16, FP16, TF32, FP32, FP64);
        };
    }

    /**
     * Reads a data type from its enum name or a common spelling, case-insensitively:
     * {@code bf16}, {@code fp16}, {@code fp8} (E4M3), {@code fp8-e5m2}, {@code nvfp4},
     * {@code mxfp4}, {@code int8}, {@code int4}, {@code FP8_E4M3}, ...
     *
     * @param name the name
     * @return the data type
     * @throws UnknownNameException if the name is not a data type, with the closest names
     */
    public static DataType parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("data type must not be null");
        }
        String key = Suggestions.normalize(name);
        DataType t = ALIASES.get(key);
        if (t != null) {
            return t;
        }
        for (DataType d : values()) {
            if (Suggestions.normalize(d.name()).equals(key)) {
                return d;
            }
        }
        List<String> names = new ArrayList<>(ALIASES.keySet());
        names.sort(null);
        throw new UnknownNameException("data type", name, Suggestions.closest(name, names, 3));
    }

    /**
     * Returns the lower-case name used by the command line, such as {@code "fp8-e4m3"}.
     *
     * @return the command-line name
     */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
