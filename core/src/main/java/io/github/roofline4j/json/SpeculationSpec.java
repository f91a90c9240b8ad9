package io.github.roofline4j.json;

import java.util.Optional;

import io.github.roofline4j.inference.Speculation;
import io.github.roofline4j.support.Checks;

/**
 * Speculative decoding as a request writes it: the draft model (or none, for the model's own
 * multi-token-prediction module, written {@code "draft": "self"}), the tokens it proposes and
 * their acceptance rate. {@link #toSpeculation()} resolves the draft.
 *
 * @param draft the draft model, or null for self-speculation
 * @param proposedTokens tokens proposed per step, &ge; 1 (default 4)
 * @param acceptanceRate the per-token acceptance probability, in [0, 1] (default 0.7)
 */
public record SpeculationSpec(ModelSource draft, int proposedTokens, double acceptanceRate) {

    /** Tokens proposed per step when not given. */
    public static final int DEFAULT_PROPOSED_TOKENS = 4;
    /** Acceptance rate when not given. */
    public static final double DEFAULT_ACCEPTANCE_RATE = 0.7;

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if k is not positive or the rate outside [0, 1]
     */
    public SpeculationSpec {
        Checks.positive("proposedTokens", proposedTokens);
        Checks.inRange("acceptanceRate", acceptanceRate, 0, 1);
    }

    /**
     * Resolves the draft.
     *
     * @return the speculation
     * @throws IllegalArgumentException if the draft model cannot be read
     */
    public Speculation toSpeculation() {
        return new Speculation(draft == null ? Optional.empty() : Optional.of(draft.resolve()), proposedTokens,
                acceptanceRate);
    }
}
