package io.github.roofline4j.quant;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.support.Suggestions;
import io.github.roofline4j.support.UnknownNameException;

/**
 * How weight matrices are stored: the element type, and the scales (and zero points) that
 * quantized formats add, with their exact storage cost.
 *
 * <p>A rows &times; cols matrix (rows = output features, cols = input features, the reduction
 * dimension k) holds rows&middot;cols elements of {@link #elementType()} plus, depending on
 * {@link #granularity()}: nothing; one scale; one scale per row; one scale (and one zero point)
 * per group of {@link #groupSize()} consecutive elements of a row; or one scale per
 * {@code groupSize x groupSize} block. Partial groups and blocks at the edges still take a whole
 * scale (ceiling division), so the count is exact.
 *
 * <p>The formats and their sources:
 * <ul>
 * <li>{@code int4} (group 128): INT4 elements, an FP16 scale and an INT4 zero point per 128
 *     weights, as AWQ (Lin et al. 2024) and GPTQ (Frantar et al. 2023, asymmetric) store them:
 *     4 + 20/128 = 4.156 bits per weight. {@code int4-g64}, {@code int4-g32}: other group sizes.</li>
 * <li>{@code int8}: INT8 elements, one FP16 scale per output channel (LLM.int8-style weight-only,
 *     or the weights of W8A8 SmoothQuant when the activations are INT8 too).</li>
 * <li>{@code fp8}: E4M3 with one FP32 per-tensor scale; {@code fp8-channel}: one FP32 scale per
 *     row; {@code fp8-block}: one FP32 scale per 128 &times; 128 block (DeepSeek-V3's checkpoint).</li>
 * <li>{@code nvfp4}: E2M1 elements, one FP8 E4M3 scale per 16 elements, plus an FP32 per-tensor
 *     scale: 4.5 bits per weight (NVIDIA NVFP4).</li>
 * <li>{@code mxfp4}: E2M1 elements, one E8M0 scale per 32 elements: 4.25 bits (OCP Microscaling
 *     Formats specification v1.0).</li>
 * <li>{@code bf16}, {@code fp16}, {@code fp32}: no scales.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the name, such as {@code int4-g128}
 * @param elementType the type of the stored elements
 * @param granularity how elements share scales
 * @param groupSize elements per group (GROUP) or the side of a block (BLOCK); 0 otherwise
 * @param scaleBits bits of one scale, 0 for NONE
 * @param zeroPointBits bits of one zero point per scale, 0 for symmetric formats
 */
public record WeightFormat(String name, DataType elementType, Granularity granularity, int groupSize, int scaleBits,
        int zeroPointBits) {

    private static final Pattern INT4_GROUP = Pattern.compile("int4-g([0-9]+)");

    /** The names accepted by {@link #parse(String)}, besides {@code int4-gN}. */
    public static final List<String> NAMES = List.of("fp32", "bf16", "fp16", "fp8", "fp8-channel", "fp8-block", "int8",
            "int4", "nvfp4", "mxfp4");

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if the group size or scale bits do not fit the granularity
     */
    public WeightFormat {
        Checks.notBlank("name", name);
        Checks.notNull("elementType", elementType);
        Checks.notNull("granularity", granularity);
        Checks.nonNegative("scaleBits", scaleBits);
        Checks.nonNegative("zeroPointBits", zeroPointBits);
        boolean grouped = granularity == Granularity.GROUP || granularity == Granularity.BLOCK;
        if (grouped) {
            Checks.positive("groupSize", groupSize);
        } else if (groupSize != 0) {
            throw new IllegalArgumentException("groupSize must be 0 for " + granularity + ", was " + groupSize);
        }
        if ((granularity == Granularity.NONE) != (scaleBits == 0)) {
            throw new IllegalArgumentException("scaleBits must be 0 exactly when granularity is NONE, was " + scaleBits
                    + " for " + granularity);
        }
    }

    /**
     * An unquantized format.
     *
     * @param type BF16, FP16 or FP32
     * @return the format
     */
    public static WeightFormat plain(DataType type) {
        return new WeightFormat(type.cliName(), type, Granularity.NONE, 0, 0, 0);
    }

    /**
     * INT4 with an FP16 scale and an INT4 zero point per group (AWQ/GPTQ).
     *
     * @param groupSize weights per group along the input dimension, &gt; 0
     * @return the format
     */
    public static WeightFormat int4(int groupSize) {
        return new WeightFormat("int4-g" + groupSize, DataType.INT4, Granularity.GROUP, groupSize, 16, 4);
    }

    /**
     * Reads a format name, case-insensitively: {@code fp32}, {@code bf16}, {@code fp16},
     * {@code fp8}, {@code fp8-channel}, {@code fp8-block}, {@code int8}, {@code int4} (group 128),
     * {@code int4-gN}, {@code nvfp4}, {@code mxfp4}.
     *
     * @param name the name
     * @return the format
     * @throws UnknownNameException if the name is not a format, with the closest names
     */
    public static WeightFormat parse(String name) {
        Checks.notNull("format", name);
        String n = Suggestions.normalize(name);
        Matcher g = INT4_GROUP.matcher(n);
        if (g.matches()) {
            int size;
            try {
                size = Integer.parseInt(g.group(1));
            } catch (NumberFormatException e) {
                size = 0;
            }
            if (size <= 0) {
                throw new IllegalArgumentException("int4 group size must be a positive integer, was '" + name + "'");
            }
            return int4(size);
        }
        return switch (n) {
            case "fp32" -> plain(DataType.FP32);
            case "bf16" -> plain(DataType.BF16);
            case "fp16" -> plain(DataType.FP16);
            case "fp8", "fp8-tensor" -> new WeightFormat("fp8", DataType.FP8_E4M3, Granularity.PER_TENSOR, 0, 32, 0);
            case "fp8-channel" -> new WeightFormat("fp8-channel", DataType.FP8_E4M3, Granularity.PER_CHANNEL, 0, 32, 0);
            case "fp8-block" -> new WeightFormat("fp8-block", DataType.FP8_E4M3, Granularity.BLOCK, 128, 32, 0);
            case "int8" -> new WeightFormat("int8", DataType.INT8, Granularity.PER_CHANNEL, 0, 16, 0);
            case "int4" -> int4(128);
            case "nvfp4" -> new WeightFormat("nvfp4", DataType.NVFP4, Granularity.GROUP, 16, 8, 0);
            case "mxfp4" -> new WeightFormat("mxfp4", DataType.MXFP4, Granularity.GROUP, 32, 8, 0);
            default -> throw new UnknownNameException("weight format", name,
                    Suggestions.closest(name, NAMES, 3));
        };
    }

    /**
     * Returns the exact bytes of a rows &times; cols weight matrix in this format.
     *
     * @param rows output features, &gt; 0
     * @param cols input features (the reduction dimension), &gt; 0
     * @return bytes, rounded up to whole bytes
     */
    public long bytes(long rows, long cols) {
        long elements = Math.multiplyExact(rows, cols);
        long scales = switch (granularity) {
            case NONE -> 0;
            case PER_TENSOR -> 1;
            case PER_CHANNEL -> rows;
            case GROUP -> Math.multiplyExact(rows, ceilDiv(cols, groupSize));
            case BLOCK -> Math.multiplyExact(ceilDiv(rows, groupSize), ceilDiv(cols, groupSize));
        };
        long bits = Math.addExact(Math.multiplyExact(elements, (long) elementType.bitsPerElement()),
                Math.multiplyExact(scales, (long) scaleBits + zeroPointBits));
        return (bits + 7) / 8;
    }

    /**
     * Returns the storage cost per weight of a large matrix, scales included.
     *
     * @return bits per weight, such as 4.156 for int4-g128 and 4.5 for NVFP4
     */
    public double bitsPerWeight() {
        double overhead = switch (granularity) {
            case NONE, PER_TENSOR, PER_CHANNEL -> 0;
            case GROUP -> (scaleBits + zeroPointBits) / (double) groupSize;
            case BLOCK -> (scaleBits + zeroPointBits) / ((double) groupSize * groupSize);
        };
        return elementType.bitsPerElement() + overhead;
    }

    /**
     * Tells whether this format stores something other than plain floating point elements.
     *
     * @return false for BF16, FP16 and FP32
     */
    public boolean isQuantized() {
        return granularity != Granularity.NONE;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    @Override
    public String toString() {
        return name.toLowerCase(Locale.ROOT) + String.format(Locale.ROOT, " (%.3f bits per weight)", bitsPerWeight());
    }
}
