package io.github.roofline4j.inference;

import java.util.Optional;

import io.github.roofline4j.quant.Precision;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.workload.AttentionKernel;
import io.github.roofline4j.workload.MlaForm;

/**
 * How a model is served: number formats, tensor and pipeline parallelism, the batch and the
 * request shape, kernels, memory policy and speculative decoding.
 *
 * <p>Defaults ({@link #builder()}): BF16 everywhere, one device, batch 1, a 512-token prompt and
 * 128 output tokens, fused attention, MLA in the serving engines' form, 90 % of device memory
 * usable ({@code gpu_memory_utilization} 0.9, vLLM's default), paged KV blocks of 16 tokens
 * (vLLM's default block size), no runtime reserve beyond the unused 10 %.
 *
 * <p>Immutable and thread-safe.
 *
 * @param precision weight, activation and KV formats
 * @param tensorParallel tensor-parallel degree, &ge; 1
 * @param pipelineParallel pipeline stages, &ge; 1
 * @param batch concurrent sequences, &ge; 1
 * @param promptTokens prompt tokens per sequence, &ge; 1
 * @param outputTokens generated tokens per sequence, &ge; 1 (the first comes from the prefill)
 * @param attentionKernel fused or unfused attention
 * @param mlaForm how latent attention is computed
 * @param memoryUtilization the fraction of device memory the server may use, in (0, 1]
 * @param kvBlockTokens tokens per paged KV block, &ge; 1
 * @param runtimeReserveBytes memory set aside per device for the runtime, bytes, &ge; 0
 * @param speculation speculative decoding, if used
 */
public record ServingPlan(
        Precision precision,
        int tensorParallel,
        int pipelineParallel,
        int batch,
        long promptTokens,
        long outputTokens,
        AttentionKernel attentionKernel,
        MlaForm mlaForm,
        double memoryUtilization,
        int kvBlockTokens,
        long runtimeReserveBytes,
        Optional<Speculation> speculation) {

    /** vLLM's default {@code gpu_memory_utilization}. */
    public static final double DEFAULT_MEMORY_UTILIZATION = 0.9;
    /** vLLM's default KV block size, in tokens. */
    public static final int DEFAULT_KV_BLOCK_TOKENS = 16;

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException naming the field if a value is out of range
     */
    public ServingPlan {
        Checks.notNull("precision", precision);
        Checks.positive("tensorParallel", tensorParallel);
        Checks.positive("pipelineParallel", pipelineParallel);
        Checks.positive("batch", batch);
        Checks.positive("promptTokens", promptTokens);
        Checks.positive("outputTokens", outputTokens);
        Checks.notNull("attentionKernel", attentionKernel);
        Checks.notNull("mlaForm", mlaForm);
        if (!(memoryUtilization > 0 && memoryUtilization <= 1)) {
            throw new IllegalArgumentException("memoryUtilization must be in (0, 1], was " + memoryUtilization);
        }
        Checks.positive("kvBlockTokens", kvBlockTokens);
        Checks.nonNegative("runtimeReserveBytes", runtimeReserveBytes);
        Checks.notNull("speculation", speculation);
    }

    /**
     * Starts a plan with the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this plan.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder().precision(precision).tensorParallel(tensorParallel).pipelineParallel(pipelineParallel)
                .batch(batch).promptTokens(promptTokens).outputTokens(outputTokens).attentionKernel(attentionKernel)
                .mlaForm(mlaForm).memoryUtilization(memoryUtilization).kvBlockTokens(kvBlockTokens)
                .runtimeReserveBytes(runtimeReserveBytes).speculation(speculation.orElse(null));
    }

    /**
     * Returns the devices the plan uses.
     *
     * @return tensorParallel &times; pipelineParallel
     */
    public int deviceCount() {
        return tensorParallel * pipelineParallel;
    }

    /**
     * Returns the longest context a sequence reaches.
     *
     * @return promptTokens + outputTokens
     */
    public long maxContextTokens() {
        return promptTokens + outputTokens;
    }

    /** Builds a {@link ServingPlan}. Not thread-safe. */
    public static final class Builder {
        private Precision precision = Precision.bf16();
        private int tensorParallel = 1;
        private int pipelineParallel = 1;
        private int batch = 1;
        private long promptTokens = 512;
        private long outputTokens = 128;
        private AttentionKernel attentionKernel = AttentionKernel.FUSED;
        private MlaForm mlaForm = MlaForm.AUTO;
        private double memoryUtilization = DEFAULT_MEMORY_UTILIZATION;
        private int kvBlockTokens = DEFAULT_KV_BLOCK_TOKENS;
        private long runtimeReserveBytes;
        private Speculation speculation;

        private Builder() {
        }

        /**
         * Sets the formats.
         *
         * @param value the precision
         * @return this builder
         */
        public Builder precision(Precision value) {
            precision = value;
            return this;
        }

        /**
         * Sets the tensor-parallel degree.
         *
         * @param value the degree
         * @return this builder
         */
        public Builder tensorParallel(int value) {
            tensorParallel = value;
            return this;
        }

        /**
         * Sets the pipeline stages.
         *
         * @param value the stages
         * @return this builder
         */
        public Builder pipelineParallel(int value) {
            pipelineParallel = value;
            return this;
        }

        /**
         * Sets the batch.
         *
         * @param value concurrent sequences
         * @return this builder
         */
        public Builder batch(int value) {
            batch = value;
            return this;
        }

        /**
         * Sets the prompt length.
         *
         * @param value tokens
         * @return this builder
         */
        public Builder promptTokens(long value) {
            promptTokens = value;
            return this;
        }

        /**
         * Sets the output length.
         *
         * @param value tokens
         * @return this builder
         */
        public Builder outputTokens(long value) {
            outputTokens = value;
            return this;
        }

        /**
         * Sets the attention kernel.
         *
         * @param value the kernel
         * @return this builder
         */
        public Builder attentionKernel(AttentionKernel value) {
            attentionKernel = value;
            return this;
        }

        /**
         * Sets the MLA form.
         *
         * @param value the form
         * @return this builder
         */
        public Builder mlaForm(MlaForm value) {
            mlaForm = value;
            return this;
        }

        /**
         * Sets the usable fraction of device memory.
         *
         * @param value the fraction
         * @return this builder
         */
        public Builder memoryUtilization(double value) {
            memoryUtilization = value;
            return this;
        }

        /**
         * Sets the KV block size.
         *
         * @param value tokens per block
         * @return this builder
         */
        public Builder kvBlockTokens(int value) {
            kvBlockTokens = value;
            return this;
        }

        /**
         * Sets the runtime reserve.
         *
         * @param value bytes per device
         * @return this builder
         */
        public Builder runtimeReserveBytes(long value) {
            runtimeReserveBytes = value;
            return this;
        }

        /**
         * Sets speculative decoding.
         *
         * @param value the speculation, or null for none
         * @return this builder
         */
        public Builder speculation(Speculation value) {
            speculation = value;
            return this;
        }

        /**
         * Validates and builds the plan.
         *
         * @return the plan
         * @throws IllegalArgumentException naming the field if a value is out of range
         */
        public ServingPlan build() {
            return new ServingPlan(precision, tensorParallel, pipelineParallel, batch, promptTokens, outputTokens,
                    attentionKernel, mlaForm, memoryUtilization, kvBlockTokens, runtimeReserveBytes,
                    Optional.ofNullable(speculation));
        }
    }
}
