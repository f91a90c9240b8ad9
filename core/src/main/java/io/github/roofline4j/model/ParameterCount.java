package io.github.roofline4j.model;

import io.github.roofline4j.support.Checks;
import io.github.roofline4j.units.UnitFormat;

/**
 * The parameters of a model, by component, as Hugging Face counts them ({@code sum(p.numel())}).
 *
 * <p>{@link #total()} is the sum of every component except {@link #multiTokenPrediction()},
 * which is reported separately (DeepSeek-V3 ships its MTP module beside the main model).
 * {@link #embedding()} counts the token and position embeddings and an untied output head,
 * the parameters Kaplan et al. (2020) leave out of N; {@link #nonEmbedding()} is the rest.
 * {@link #active()} is what one token touches: everything but the routed experts a token does not
 * visit.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tokenEmbeddings the token embedding table, vocab &times; hidden
 * @param positionEmbeddings learned position tables and relative attention biases
 * @param attention q, k, v and output projections (and cross-attention), with their biases
 * @param mlp the MLPs of the dense layers, with their biases
 * @param routedExperts all routed experts of all MoE layers
 * @param activeRoutedExperts the routed experts one token visits in all MoE layers (top-k per layer)
 * @param sharedExperts shared experts and their gates
 * @param router router weights and biases
 * @param norms every normalization weight and bias (layer norms, final norm, MLA and QK norms)
 * @param head an untied output projection, 0 when tied to the token embeddings
 * @param multiTokenPrediction DeepSeek-V3 multi-token-prediction modules, not in the total
 */
public record ParameterCount(
        long tokenEmbeddings,
        long positionEmbeddings,
        long attention,
        long mlp,
        long routedExperts,
        long activeRoutedExperts,
        long sharedExperts,
        long router,
        long norms,
        long head,
        long multiTokenPrediction) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException naming the component if one is negative, if more routed
     *         experts are active than exist, or if the total (with multi-token prediction)
     *         overflows a 64-bit integer
     */
    public ParameterCount {
        Checks.nonNegative("tokenEmbeddings", tokenEmbeddings);
        Checks.nonNegative("positionEmbeddings", positionEmbeddings);
        Checks.nonNegative("attention", attention);
        Checks.nonNegative("mlp", mlp);
        Checks.nonNegative("routedExperts", routedExperts);
        Checks.nonNegative("activeRoutedExperts", activeRoutedExperts);
        Checks.nonNegative("sharedExperts", sharedExperts);
        Checks.nonNegative("router", router);
        Checks.nonNegative("norms", norms);
        Checks.nonNegative("head", head);
        Checks.nonNegative("multiTokenPrediction", multiTokenPrediction);
        if (activeRoutedExperts > routedExperts) {
            throw new IllegalArgumentException("activeRoutedExperts must be <= routedExperts (" + routedExperts
                    + "), was " + activeRoutedExperts);
        }
        long sum = 0;
        for (long v : new long[] {tokenEmbeddings, positionEmbeddings, attention, mlp, routedExperts, sharedExperts,
                router, norms, head, multiTokenPrediction}) {
            if (sum > Long.MAX_VALUE - v) {
                throw new IllegalArgumentException("the parameter count overflows a 64-bit integer");
            }
            sum += v;
        }
    }

    /**
     * Returns the total parameter count (without multi-token prediction).
     *
     * @return the sum of the components
     */
    public long total() {
        return tokenEmbeddings + positionEmbeddings + attention + mlp + routedExperts + sharedExperts + router + norms
                + head;
    }

    /**
     * Returns the parameters one token uses.
     *
     * @return total with only the visited routed experts
     */
    public long active() {
        return total() - routedExperts + activeRoutedExperts;
    }

    /**
     * Returns the embedding parameters: token and position embeddings and an untied head.
     *
     * @return the embedding parameters
     */
    public long embedding() {
        return tokenEmbeddings + positionEmbeddings + head;
    }

    /**
     * Returns the parameters other than embeddings and head.
     *
     * @return total minus embedding
     */
    public long nonEmbedding() {
        return total() - embedding();
    }

    @Override
    public String toString() {
        return UnitFormat.count(total()) + " parameters (" + total() + "), " + UnitFormat.count(active()) + " active, "
                + UnitFormat.count(nonEmbedding()) + " non-embedding";
    }
}
