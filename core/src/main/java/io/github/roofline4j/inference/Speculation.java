package io.github.roofline4j.inference;

import java.util.Optional;

import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.support.Checks;

/**
 * Speculative decoding (Leviathan, Kalman and Matias, "Fast Inference from Transformers via
 * Speculative Decoding", ICML 2023): a cheap draft proposes {@code proposedTokens} tokens one at a
 * time, the target model verifies them in one forward pass, and each is accepted with probability
 * {@code acceptanceRate} (the paper's &alpha;, assumed independent per token).
 *
 * <p>The expected tokens produced per verification step are (1 &minus; &alpha;<sup>k+1</sup>) /
 * (1 &minus; &alpha;) (Leviathan et al. eq. 1), k + 1 when &alpha; = 1. The draft is another model
 * ({@code draft} present) or, for models with multi-token-prediction modules (DeepSeek-V3), the
 * model's own MTP module ({@code draft} empty: self-speculation).
 *
 * <p>Immutable and thread-safe.
 *
 * @param draft the draft model; empty for self-speculation with the model's MTP module
 * @param proposedTokens tokens the draft proposes per step, k, &ge; 1
 * @param acceptanceRate the probability a proposed token is accepted, &alpha;, in [0, 1]
 */
public record Speculation(Optional<TransformerSpec> draft, int proposedTokens, double acceptanceRate) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if k is not positive or &alpha; outside [0, 1]
     */
    public Speculation {
        Checks.notNull("draft", draft);
        Checks.positive("proposedTokens", proposedTokens);
        Checks.inRange("acceptanceRate", acceptanceRate, 0, 1);
    }

    /**
     * Returns the expected tokens produced per verification step.
     *
     * @return (1 &minus; &alpha;<sup>k+1</sup>) / (1 &minus; &alpha;), in [1, k + 1]
     */
    public double expectedTokensPerStep() {
        if (acceptanceRate == 1) {
            return proposedTokens + 1;
        }
        return (1 - Math.pow(acceptanceRate, proposedTokens + 1)) / (1 - acceptanceRate);
    }
}
