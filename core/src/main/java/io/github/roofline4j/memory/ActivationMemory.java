package io.github.roofline4j.memory;

import io.github.roofline4j.model.Attention;
import io.github.roofline4j.model.Moe;
import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.support.Checks;

/**
 * The activations one transformer layer keeps for its backward pass, per micro-batch and device.
 *
 * <p>The accounting of Korthikanti et al. 2022 ("Reducing Activation Recomputation in Large
 * Transformer Models", §4.1 and Table 2), generalized from GPT's shape to grouped-query attention,
 * gated MLPs and mixture-of-experts layers, with 16-bit activations and one-byte dropout masks. For
 * s tokens, micro-batch b, hidden size h, n<sub>h</sub> heads, TP degree t:
 * <ul>
 * <li>attention: the norm input 2sbh, the QKV input 2sbh, Q and K 2sb(h<sub>q</sub> +
 *     h<sub>k</sub>)/t, V 2sb&middot;h<sub>v</sub>/t, the output projection's input
 *     2sb&middot;n<sub>h</sub>d<sub>v</sub>/t, and a dropout mask sbh; plus the score matrices
 *     5n<sub>h</sub>s<sup>2</sup>b/t (softmax output, dropout mask, dropout output; 2 without
 *     dropout), which FlashAttention and selective recomputation do not keep;</li>
 * <li>MLP: the norm input 2sbh, the first linear input 2sbh, the activation input and the second
 *     linear input 2sb&middot;d<sub>ff</sub>/t each (a gated MLP also keeps the gate output), a dropout
 *     mask sbh; an MoE layer keeps these for each of the k experts a token visits, plus the router
 *     logits in FP32;</li>
 * <li>the parts outside the tensor-parallel regions (norm inputs, dropout masks) are divided by t
 *     with sequence parallelism; full recomputation keeps only the layer input, 2sbh (/t with SP).</li>
 * </ul>
 * For GPT (MHA, d<sub>ff</sub> = 4h, dropout) this is Table 2: sbh(34 + 5n<sub>h</sub>s/h) without
 * parallelism, sbh(10 + 24/t + 5n<sub>h</sub>s/(ht)) with TP, sbh(34/t + 5n<sub>h</sub>s/(ht)) with TP
 * and SP, sbh(10 + 24/t) and 34sbh/t with selective recomputation, 2sbh with full recomputation.
 *
 * <p>Stateless and thread-safe.
 */
public final class ActivationMemory {

    private ActivationMemory() {
    }

    /**
     * Returns the bytes one layer keeps for one micro-batch on one device.
     *
     * @param spec the model
     * @param plan the plan (TP, SP, CP, micro-batch, sequence, recomputation, FlashAttention, dropout)
     * @param moe whether the layer is an MoE layer
     * @return bytes
     */
    public static double perLayer(TransformerSpec spec, ParallelPlan plan, boolean moe) {
        if (plan.recompute() == Recompute.FULL) {
            return layerInput(spec, plan);
        }
        return stored(spec, plan, moe, plan.recompute() == Recompute.SELECTIVE || plan.flashAttention());
    }

    /**
     * Returns what full recomputation keeps per layer and micro-batch: the layer's input.
     *
     * @param spec the model
     * @param plan the plan
     * @return bytes: 2sbh, divided by t with sequence parallelism
     */
    public static double layerInput(TransformerSpec spec, ParallelPlan plan) {
        double sbh = tokens(plan) * spec.hiddenSize();
        return 2 * sbh / (plan.sequenceParallel() ? plan.tensorParallel() : 1);
    }

    /**
     * Returns everything a layer keeps without recomputation (the peak of one layer recomputed in
     * the backward pass of full recomputation).
     *
     * @param spec the model
     * @param plan the plan
     * @param moe whether the layer is an MoE layer
     * @return bytes
     */
    public static double fullLayer(TransformerSpec spec, ParallelPlan plan, boolean moe) {
        return stored(spec, plan, moe, plan.flashAttention());
    }

    private static double stored(TransformerSpec spec, ParallelPlan plan, boolean moe, boolean noScores) {
        double t = plan.tensorParallel();
        double outside = plan.sequenceParallel() ? t : 1;
        double sb = tokens(plan);
        double h = spec.hiddenSize();
        double mask = plan.dropout() ? 1 : 0;
        Attention a = spec.attention();
        double heads = a.headCount();
        double kvHeads = Math.max(1, a.kvHeadCount() / t) * t;
        double qk = a.headDim();
        double v = a.valueHeadDim();
        // attention block
        double bytes = (2 * sb * h + 2 * sb * h + mask * sb * h) / outside;
        bytes += 2 * sb * (heads * qk + kvHeads * qk) / t + 2 * sb * kvHeads * v / t + 2 * sb * heads * v / t;
        if (a.mla().isPresent()) {
            // MLA keeps the latent input of the up-projections as well
            bytes += 2 * sb * (a.mla().get().kvLoraRank() + a.mla().get().qLoraRank());
        }
        if (!noScores) {
            double keys = plan.sequenceTokens();
            double scores = heads * sb * keys / t;
            bytes += (plan.dropout() ? 5 : 2) * scores;
        }
        if (plan.flashAttention()) {
            bytes += 4 * sb * heads / t; // FP32 log-sum-exp of each row (FlashAttention)
        }
        // norms beyond the two of a pre-norm layer (Gemma 2's post-norms)
        bytes += Math.max(0, spec.normsPerLayer() - 2) * 2 * sb * h / outside;
        // MLP block
        bytes += (2 * sb * h + 2 * sb * h + mask * sb * h) / outside;
        double perFf = spec.mlp().gated() ? 6 : 4;
        if (moe) {
            Moe m = spec.moe().orElseThrow();
            double routed = sb * m.expertsPerToken();
            bytes += 2 * routed * h + perFf * routed * m.expertIntermediateSize() / t + 4 * sb * m.routedExperts();
            if (m.sharedExperts() > 0) {
                bytes += perFf * sb * m.sharedExperts() * m.sharedExpertIntermediateSize() / t;
            }
        } else {
            bytes += perFf * sb * spec.mlp().intermediateSize() / t;
        }
        return bytes;
    }

    /**
     * Returns the activations the output layer keeps on the last stage: the FP32 logits of every
     * token, vocabulary-parallel.
     *
     * @param spec the model
     * @param plan the plan
     * @return bytes: 4sbV/t
     */
    public static double logits(TransformerSpec spec, ParallelPlan plan) {
        return 4 * tokens(plan) * spec.vocabSize() / plan.tensorParallel();
    }

    /**
     * Returns the micro-batches whose activations the first pipeline stage holds at once:
     * min(m, p) for 1F1B, times (1 + (p &minus; 1)/(p&middot;v)) for the interleaved schedule
     * (Korthikanti et al. 2022 §4.2.3; Narayanan et al. 2021 §2.2.2).
     *
     * @param plan the plan
     * @return micro-batches in flight
     */
    public static double inFlightMicroBatches(ParallelPlan plan) {
        return inFlightMicroBatches(plan, 0);
    }

    /**
     * Returns the micro-batches whose activations pipeline stage s holds at once, counted in
     * whole-stage units: its warm-up forwards plus the one in progress. 1F1B: min(m, p &minus; s).
     * Interleaved (Megatron-LM's schedule: 2(p &minus; s &minus; 1) + (v &minus; 1)p warm-up chunks
     * of 1/v of the stage each, plus one): min(m&middot;v, 2(p &minus; s &minus; 1) + (v &minus; 1)p + 1)
     * / v, which for s = 0 is Korthikanti's p(1 + (p &minus; 1)/(p&middot;v)).
     *
     * @param plan the plan
     * @param stage the stage, in [0, p)
     * @return micro-batches in flight
     */
    public static double inFlightMicroBatches(ParallelPlan plan, int stage) {
        Checks.inRange("stage", stage, 0, plan.pipelineParallel() - 1);
        return inFlightMicroBatches(plan.pipelineParallel(), plan.virtualStages(), plan.microBatches(), stage);
    }

    /**
     * As {@link #inFlightMicroBatches(ParallelPlan, int)}, from the schedule's numbers (unchecked, for the plan search).
     *
     * @param p pipeline stages
     * @param v interleaved chunks per stage
     * @param m micro-batches per step
     * @param stage the stage, in [0, p)
     * @return micro-batches in flight
     */
    public static double inFlightMicroBatches(int p, int v, long m, int stage) {
        if (v == 1) {
            return Math.min(m, p - stage);
        }
        return Math.min(m * v, 2L * (p - stage - 1) + (long) (v - 1) * p + 1) / (double) v;
    }

    private static double tokens(ParallelPlan plan) {
        return (double) plan.microBatchSize() * plan.sequenceTokens() / plan.contextParallel();
    }
}
