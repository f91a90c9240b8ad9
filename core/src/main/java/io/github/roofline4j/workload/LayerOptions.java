package io.github.roofline4j.workload;

import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.support.Checks;

/**
 * How the layers of a step run on a device: number formats, tensor parallelism, and the
 * attention kernels.
 *
 * <p>Tensor parallelism (Shoeybi et al. 2019, Megatron-LM) splits the heads and the MLP's inner
 * width over {@code tensorParallel} devices; key/value heads are split when their count divides,
 * and replicated when there are fewer KV heads than devices (each device keeps one). Sequence
 * parallelism (Korthikanti et al. 2022 §4.2.2) splits the norms and elementwise work along the
 * tokens and turns each all-reduce into a reduce-scatter and an all-gather. Expert parallelism
 * (Lepikhin et al. 2021, GShard) spreads the routed experts over {@code expertParallel} devices,
 * which exchange the routed tokens with an all-to-all before and after the experts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param precision weight, activation and KV-cache formats
 * @param tensorParallel the tensor-parallel degree t, &ge; 1
 * @param tensorParallelRanksPerDomain how many of the t ranks share a scale-up domain (t when the group fits in one)
 * @param attentionKernel fused (FlashAttention) or unfused attention
 * @param mlaForm how latent attention is computed
 * @param sequenceParallel whether sequence parallelism accompanies tensor parallelism
 * @param expertParallel devices the routed experts are spread over, &ge; 1
 * @param expertParallelRanksPerDomain how many of those share a scale-up domain
 */
public record LayerOptions(Precision precision, int tensorParallel, int tensorParallelRanksPerDomain,
        AttentionKernel attentionKernel, MlaForm mlaForm, boolean sequenceParallel, int expertParallel,
        int expertParallelRanksPerDomain) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a component is missing or the degrees do not tile
     */
    public LayerOptions {
        Checks.notNull("precision", precision);
        Checks.positive("tensorParallel", tensorParallel);
        Checks.positive("tensorParallelRanksPerDomain", tensorParallelRanksPerDomain);
        if (tensorParallel % tensorParallelRanksPerDomain != 0) {
            throw new IllegalArgumentException("tensorParallelRanksPerDomain must divide tensorParallel (" + tensorParallel
                    + "), was " + tensorParallelRanksPerDomain);
        }
        Checks.notNull("attentionKernel", attentionKernel);
        Checks.notNull("mlaForm", mlaForm);
        Checks.positive("expertParallel", expertParallel);
        Checks.positive("expertParallelRanksPerDomain", expertParallelRanksPerDomain);
        if (expertParallel % expertParallelRanksPerDomain != 0) {
            throw new IllegalArgumentException("expertParallelRanksPerDomain must divide expertParallel (" + expertParallel
                    + "), was " + expertParallelRanksPerDomain);
        }
    }

    /**
     * Options without sequence or expert parallelism, as serving uses.
     *
     * @param precision weight, activation and KV-cache formats
     * @param tensorParallel the tensor-parallel degree
     * @param tensorParallelRanksPerDomain tensor-parallel ranks per scale-up domain
     * @param attentionKernel fused or unfused attention
     * @param mlaForm how latent attention is computed
     */
    public LayerOptions(Precision precision, int tensorParallel, int tensorParallelRanksPerDomain,
            AttentionKernel attentionKernel, MlaForm mlaForm) {
        this(precision, tensorParallel, tensorParallelRanksPerDomain, attentionKernel, mlaForm, false, 1, 1);
    }

    /**
     * BF16, one device, fused attention, MLA in the serving engines' form.
     *
     * @return the options
     */
    public static LayerOptions singleDevice() {
        return new LayerOptions(Precision.bf16(), 1, 1, AttentionKernel.FUSED, MlaForm.AUTO);
    }

    /**
     * Checks that tensor parallelism can split a model.
     *
     * @param spec the model
     * @throws IllegalArgumentException naming the rule if t does not divide the heads, the KV heads
     *         (or they it), the MLP width or the experts' width
     */
    public void checkSplits(TransformerSpec spec) {
        int t = tensorParallel;
        int heads = spec.attention().headCount();
        int kv = spec.attention().kvHeadCount();
        if (heads % t != 0) {
            throw new IllegalArgumentException("tensor parallelism " + t + " must divide the " + heads + " attention heads of "
                    + spec.name());
        }
        if (kv % t != 0 && t % kv != 0) {
            throw new IllegalArgumentException("tensor parallelism " + t + " and the " + kv + " KV heads of " + spec.name()
                    + " must divide one another");
        }
        if (spec.denseLayerCount() > 0 && spec.mlp().intermediateSize() % t != 0) {
            throw new IllegalArgumentException("tensor parallelism " + t + " must divide the MLP width "
                    + spec.mlp().intermediateSize() + " of " + spec.name());
        }
        if (expertParallel > 1 && spec.moe().isEmpty()) {
            throw new IllegalArgumentException("expert parallelism " + expertParallel + " needs a mixture-of-experts model; "
                    + spec.name() + " is dense");
        }
        spec.moe().ifPresent(m -> {
            if (m.routedExperts() % expertParallel != 0) {
                throw new IllegalArgumentException("expert parallelism " + expertParallel + " must divide the "
                        + m.routedExperts() + " routed experts of " + spec.name());
            }
            if (m.expertIntermediateSize() % t != 0) {
                throw new IllegalArgumentException("tensor parallelism " + t + " must divide the expert width "
                        + m.expertIntermediateSize() + " of " + spec.name());
            }
        });
    }

    /**
     * Returns a copy whose KV "cache" is kept in the activation type: training's keys and values are
     * activations, not a quantized cache.
     *
     * @return the copy
     */
    public LayerOptions withoutKvQuantization() {
        io.github.roofline4j.quant.KvFormat kv = io.github.roofline4j.quant.KvFormat.plain(activationStorageType());
        return new LayerOptions(new Precision(precision.weights(), precision.activations(), kv), tensorParallel,
                tensorParallelRanksPerDomain, attentionKernel, mlaForm, sequenceParallel, expertParallel,
                expertParallelRanksPerDomain);
    }

    /**
     * Returns the KV heads each device keeps.
     *
     * @param spec the model
     * @return kvHeads / t, or 1 when there are fewer KV heads than devices
     */
    public int kvHeadsPerDevice(TransformerSpec spec) {
        return Math.max(1, spec.attention().kvHeadCount() / tensorParallel);
    }

    /**
     * Returns the data type of the attention math: the activation type when it is a float type
     * FlashAttention kernels run in (FP32, BF16, FP16, FP8), BF16 otherwise.
     *
     * @return the attention data type
     */
    public DataType attentionType() {
        DataType a = precision.activations();
        return switch (a) {
            case FP32, BF16, FP16, FP8_E4M3, FP8_E5M2 -> a;
            default -> DataType.BF16;
        };
    }

    /**
     * Returns the type activations are kept in between kernels: FP32 or FP16 when those are the
     * activation type, BF16 otherwise. Low-precision activations (FP8, INT8, FP4) are quantized
     * on the fly inside the matmul kernels that consume them (as vLLM's FP8 and W8A8 paths do),
     * so memory traffic between kernels stays 16-bit.
     *
     * @return the storage type of activations
     */
    public DataType activationStorageType() {
        DataType a = precision.activations();
        return a == DataType.FP32 || a == DataType.FP16 ? a : DataType.BF16;
    }
}
