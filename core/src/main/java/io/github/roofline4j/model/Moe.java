package io.github.roofline4j.model;

import io.github.roofline4j.support.Checks;

/**
 * The mixture-of-experts part of a model (Shazeer et al. 2017; Mixtral; DeepSeekMoE; Qwen-MoE).
 *
 * <p>In each of the {@code layerCount} MoE layers, a router ({@code hidden x routedExperts}
 * weights) sends
 * each token to {@code expertsPerToken} of {@code routedExperts} gated experts of width
 * {@code expertIntermediateSize}; {@code sharedExperts} always-on experts of width
 * {@code sharedExpertIntermediateSize} each run on every token (Qwen2-MoE gates its shared expert
 * with a {@code hidden x 1} sigmoid gate). The other layers of the model are dense.
 *
 * <p>Immutable and thread-safe.
 *
 * @param layerCount how many layers are MoE layers, &gt; 0
 * @param routedExperts routed experts per MoE layer, &gt; 0
 * @param expertsPerToken routed experts each token visits (top-k), in [1, routedExperts]
 * @param expertIntermediateSize inner width of a routed expert, &gt; 0
 * @param sharedExperts always-on experts per MoE layer, &ge; 0
 * @param sharedExpertIntermediateSize inner width of one shared expert, &gt; 0 when there are shared experts
 * @param sharedExpertGate whether the shared experts have a {@code hidden x 1} gate (Qwen2-MoE)
 */
public record Moe(
        int layerCount,
        int routedExperts,
        int expertsPerToken,
        int expertIntermediateSize,
        int sharedExperts,
        int sharedExpertIntermediateSize,
        boolean sharedExpertGate) {

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException naming the field if a count is out of range
     */
    public Moe {
        Checks.positive("moe.layerCount", layerCount);
        Checks.positive("moe.routedExperts", routedExperts);
        Checks.inRange("moe.expertsPerToken", expertsPerToken, 1, routedExperts);
        Checks.positive("moe.expertIntermediateSize", expertIntermediateSize);
        Checks.nonNegative("moe.sharedExperts", sharedExperts);
        if (sharedExperts > 0) {
            Checks.positive("moe.sharedExpertIntermediateSize", sharedExpertIntermediateSize);
        } else {
            Checks.nonNegative("moe.sharedExpertIntermediateSize", sharedExpertIntermediateSize);
            if (sharedExpertGate) {
                throw new IllegalArgumentException("moe.sharedExpertGate needs shared experts, moe.sharedExperts was 0");
            }
        }
    }

    /**
     * Returns the router parameters of one MoE layer. DeepSeek-V3's per-expert score correction
     * bias is not counted: Hugging Face keeps it as a buffer (it is set by a balancing rule, not
     * trained by the optimizer), so {@code sum(p.numel())} leaves it out.
     *
     * @param hiddenSize the model's hidden size d
     * @return d &middot; routedExperts
     */
    public long routerParameterCount(int hiddenSize) {
        return Math.multiplyExact((long) hiddenSize, (long) routedExperts);
    }
}
