package io.github.roofline4j.inference;

/**
 * The effect of speculative decoding on a decode step.
 *
 * <p>Immutable and thread-safe.
 *
 * @param draft the draft model's name
 * @param proposedTokens tokens proposed per step, k
 * @param acceptanceRate the per-token acceptance probability, &alpha;
 * @param expectedTokensPerStep (1 &minus; &alpha;<sup>k+1</sup>) / (1 &minus; &alpha;) (Leviathan et al. 2023, eq. 1)
 * @param draftStepSeconds one decode step of the draft
 * @param verifySeconds the target's verification of k + 1 tokens
 * @param cycleSeconds k draft steps plus one verification
 * @param decodeTokensPerSecond tokens per second for the batch with speculation
 * @param speedup decode tokens per second with speculation over without
 */
public record SpeculationResult(String draft, int proposedTokens, double acceptanceRate, double expectedTokensPerStep,
        double draftStepSeconds, double verifySeconds, double cycleSeconds, double decodeTokensPerSecond,
        double speedup) {
}
