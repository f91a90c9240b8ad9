package io.github.roofline4j.model;

import java.util.Locale;

import io.github.roofline4j.support.Checks;

/**
 * The published closed forms for training compute, side by side so that users can compare
 * conventions with the exact counts of {@link TransformerSpec}.
 *
 * <p>They differ in what they count: {@link #sixN} counts weights only (no attention, no
 * embeddings lookups); {@link #sixNPlusAttention} and {@link #palmModelFlopsPerToken} add the
 * attention scores and values without causal savings; {@link #megatronEq3} counts hardware FLOPs
 * with full recomputation (four forward passes) and the logits. All are FLOPs, not FLOP/s.
 *
 * <p>Every result is finite: inputs whose result would overflow a {@code double} (or be NaN) are
 * rejected with an {@link IllegalArgumentException} that names the formula and its inputs.
 *
 * <p>Stateless and thread-safe.
 */
public final class FlopFormulas {

    /**
     * Compute-optimal training tokens per parameter: Hoffmann et al. 2022 ("Chinchilla"), Table 3
     * (1B &rarr; 20.2B tokens, 67B &rarr; 1.5T, 175B &rarr; 3.7T, 280B &rarr; 5.9T): about 20.
     */
    public static final double CHINCHILLA_TOKENS_PER_PARAMETER = 20;

    private FlopFormulas() {
    }

    /**
     * Training FLOPs per token, C &asymp; 6N (Kaplan et al. 2020, §2.1: 2N forward, 4N backward).
     *
     * @param parameters N, usually the non-embedding (or active) parameters, &gt; 0
     * @return 6N FLOPs per token
     * @throws IllegalArgumentException if N is not positive and finite, or 6N overflows
     */
    public static double sixN(double parameters) {
        return finite(6 * Checks.positive("parameters", parameters), "sixN", "parameters", parameters);
    }

    /**
     * Training FLOPs per token with attention, 6N + 12&middot;L&middot;d&middot;s: the weights
     * plus the attention scores and values (2&middot;L&middot;s&middot;d each in the forward
     * pass, tripled for forward and backward), without causal savings. This is PaLM's model-FLOPs
     * convention (Chowdhery et al. 2022, App. B, with H&middot;Q = d).
     *
     * @param parameters N, &gt; 0
     * @param layers L, &gt; 0
     * @param attentionWidth d (heads &times; head dimension), &gt; 0
     * @param sequenceTokens s, &gt; 0
     * @return FLOPs per token
     * @throws IllegalArgumentException if an input is not positive, or the result overflows
     */
    public static double sixNPlusAttention(double parameters, int layers, long attentionWidth, long sequenceTokens) {
        double result = sixN(parameters) + 12.0 * Checks.positive("layers", layers)
                * Checks.positive("attentionWidth", attentionWidth) * Checks.positive("sequenceTokens", sequenceTokens);
        return finite(result, "sixNPlusAttention", "parameters", parameters, "layers", layers, "attentionWidth",
                attentionWidth, "sequenceTokens", sequenceTokens);
    }

    /**
     * PaLM's model FLOPs per token, 6N + 12&middot;L&middot;H&middot;Q&middot;T (Chowdhery et al.
     * 2022, Appendix B), the numerator of its MFU.
     *
     * @param parameters N, &gt; 0
     * @param layers L, &gt; 0
     * @param heads H, &gt; 0
     * @param headDim Q, &gt; 0
     * @param sequenceTokens T, &gt; 0
     * @return FLOPs per token
     * @throws IllegalArgumentException if an input is not positive, or the result overflows
     */
    public static double palmModelFlopsPerToken(double parameters, int layers, int heads, int headDim, long sequenceTokens) {
        return sixNPlusAttention(parameters, layers, (long) Checks.positive("heads", heads) * Checks.positive("headDim", headDim),
                sequenceTokens);
    }

    /**
     * Megatron-LM's FLOPs per iteration, F = 96&middot;B&middot;s&middot;l&middot;h<sup>2</sup>
     * (1 + s/(6h) + V/(16&middot;l&middot;h)) (Narayanan et al. 2021, eq. 3). It assumes full
     * activation recomputation, so these are hardware FLOPs. Multiplying by 3/4 does not give the
     * model FLOPs exactly: the layers are counted four times (forward, backward twice, recomputed
     * forward), 96&middot;B&middot;s&middot;l&middot;h<sup>2</sup>(1 + s/(6h)), but the logits
     * only three times, 6&middot;B&middot;s&middot;h&middot;V, as the output layer is not
     * recomputed. The model FLOPs are 72&middot;B&middot;s&middot;l&middot;h<sup>2</sup>
     * (1 + s/(6h) + V/(12&middot;l&middot;h)); 3/4 of F undercounts the logits by a quarter.
     *
     * @param batchSequences B, sequences per iteration, &gt; 0
     * @param sequenceTokens s, &gt; 0
     * @param layers l, &gt; 0
     * @param hiddenSize h, &gt; 0
     * @param vocabSize V, &gt; 0
     * @return FLOPs per iteration
     * @throws IllegalArgumentException if an input is not positive (B also finite), or the result overflows
     */
    public static double megatronEq3(double batchSequences, long sequenceTokens, int layers, int hiddenSize, int vocabSize) {
        double b = Checks.positive("batchSequences", batchSequences);
        double s = Checks.positive("sequenceTokens", sequenceTokens);
        double l = Checks.positive("layers", layers);
        double h = Checks.positive("hiddenSize", hiddenSize);
        double v = Checks.positive("vocabSize", vocabSize);
        return finite(96 * b * s * l * h * h * (1 + s / (6 * h) + v / (16 * l * h)), "megatronEq3",
                "batchSequences", batchSequences, "sequenceTokens", sequenceTokens, "layers", layers,
                "hiddenSize", hiddenSize, "vocabSize", vocabSize);
    }

    /**
     * Megatron-LM's parameter count of a GPT model, P = 12&middot;l&middot;h<sup>2</sup>
     * (1 + 13/(12h) + (V + s)/(12&middot;l&middot;h)) (Narayanan et al. 2021, eq. 2); it omits
     * the final LayerNorm's 2h.
     *
     * @param layers l, &gt; 0
     * @param hiddenSize h, &gt; 0
     * @param vocabSize V, &gt; 0
     * @param sequenceTokens s (learned positions), &gt; 0
     * @return parameters
     * @throws IllegalArgumentException if an input is not positive
     */
    public static double megatronEq2Parameters(int layers, int hiddenSize, int vocabSize, long sequenceTokens) {
        double l = Checks.positive("layers", layers);
        double h = Checks.positive("hiddenSize", hiddenSize);
        double result = 12 * l * h * h * (1 + 13 / (12 * h) + (Checks.positive("vocabSize", vocabSize)
                + (double) Checks.positive("sequenceTokens", sequenceTokens)) / (12 * l * h));
        return finite(result, "megatronEq2Parameters", "layers", layers, "hiddenSize", hiddenSize, "vocabSize",
                vocabSize, "sequenceTokens", sequenceTokens);
    }

    /**
     * Megatron-LM's end-to-end training time, &asymp; 8&middot;T&middot;P/(n&middot;X) (Narayanan et
     * al. 2021, eq. 4: full recomputation, so 8 = 4 &times; 2 FLOPs per parameter per token).
     *
     * @param tokens T, training tokens, &gt; 0
     * @param parameters P, &gt; 0
     * @param devices n, &gt; 0
     * @param flopsPerSecondPerDevice X, achieved FLOP/s per device, &gt; 0
     * @return seconds
     * @throws IllegalArgumentException if an input is not positive and finite, or the result overflows
     */
    public static double megatronEq4Seconds(double tokens, double parameters, int devices, double flopsPerSecondPerDevice) {
        double result = 8 * Checks.positive("tokens", tokens) * Checks.positive("parameters", parameters)
                / (Checks.positive("devices", devices) * Checks.positive("flopsPerSecondPerDevice", flopsPerSecondPerDevice));
        return finite(result, "megatronEq4Seconds", "tokens", tokens, "parameters", parameters, "devices", devices,
                "flopsPerSecondPerDevice", flopsPerSecondPerDevice);
    }

    /**
     * Total training compute, C = 6&middot;N&middot;D (Kaplan et al. 2020; Hoffmann et al. 2022).
     *
     * @param parameters N, &gt; 0
     * @param tokens D, &gt; 0
     * @return FLOPs
     * @throws IllegalArgumentException if an input is not positive and finite, or the result overflows
     */
    public static double trainingFlops(double parameters, double tokens) {
        return finite(sixN(parameters) * Checks.positive("tokens", tokens), "trainingFlops", "parameters", parameters,
                "tokens", tokens);
    }

    /**
     * Compute-optimal training tokens, &asymp; 20 per parameter (Hoffmann et al. 2022, Table 3).
     *
     * @param parameters N, &gt; 0
     * @return tokens
     * @throws IllegalArgumentException if N is not positive and finite, or the result overflows
     */
    public static double chinchillaOptimalTokens(double parameters) {
        return finite(CHINCHILLA_TOKENS_PER_PARAMETER * Checks.positive("parameters", parameters),
                "chinchillaOptimalTokens", "parameters", parameters);
    }

    /**
     * Time to perform a computation at a sustained rate.
     *
     * @param flops FLOPs, &ge; 0
     * @param flopsPerSecond sustained FLOP/s (all devices together), &gt; 0
     * @return seconds
     * @throws IllegalArgumentException if an input is out of range, or the result overflows
     */
    public static double seconds(double flops, double flopsPerSecond) {
        return finite(Checks.nonNegative("flops", flops) / Checks.positive("flopsPerSecond", flopsPerSecond),
                "seconds", "flops", flops, "flopsPerSecond", flopsPerSecond);
    }

    /**
     * Returns a result if it is finite.
     *
     * @param result the result
     * @param formula the formula's name, for the message
     * @param inputs name, value pairs of the inputs, for the message
     * @return the result
     * @throws IllegalArgumentException naming the formula and the inputs if the result is infinite or NaN
     */
    private static double finite(double result, String formula, Object... inputs) {
        if (!Double.isFinite(result)) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i + 1 < inputs.length; i += 2) {
                s.append(i == 0 ? "" : ", ").append(inputs[i]).append(' ').append(inputs[i + 1]);
            }
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s overflows a double for these inputs (%s)", formula, s));
        }
        return result;
    }
}
