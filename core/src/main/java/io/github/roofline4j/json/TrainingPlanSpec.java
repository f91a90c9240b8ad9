package io.github.roofline4j.json;

import java.util.Locale;
import java.util.Map;

import io.github.roofline4j.model.Recompute;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.parallel.Offload;
import io.github.roofline4j.parallel.Optimizer;
import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.parallel.Placement;
import io.github.roofline4j.parallel.TrainingPrecision;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.support.Checks;
import tools.jackson.databind.node.ObjectNode;

/**
 * A training plan as a person or a tool writes it: a {@link ParallelPlan} whose data-parallel
 * degree, global batch and sequence may be left to their defaults, which depend on the devices
 * and the model. It is the {@code plan} of a training request and what {@code roofline4j
 * training}'s flags build; {@link #toPlan(TransformerSpec, int)} is the one place the defaults
 * are applied.
 *
 * <p>Defaults: {@code dataParallel} = devices / (TP &times; PP &times; CP); {@code globalBatchSize}
 * = micro-batch &times; DP; {@code sequenceTokens} = 2048, or the model's maximum if shorter; the
 * rest as {@link ParallelPlan#builder()}. The JSON keys are the component names; enum values are
 * written in lower case with hyphens ({@code "selective"}, {@code "optimizer-and-parameters"},
 * {@code "sgd-momentum"}), {@code zero} is the stage number and {@code placement} a label such as
 * {@code "tp-cp-dp-pp"}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tensorParallel TP, &ge; 1
 * @param pipelineParallel PP, &ge; 1
 * @param virtualStages interleaved chunks per stage, &ge; 1
 * @param dataParallel DP, or null for the default
 * @param contextParallel CP, &ge; 1
 * @param expertParallel EP, &ge; 1
 * @param sequenceParallel sequence parallelism with TP
 * @param zero the ZeRO stage
 * @param hybridSharding ZeRO within a node only
 * @param microBatchSize sequences per micro-batch, &ge; 1
 * @param globalBatchSize sequences per step, or null for the default
 * @param sequenceTokens tokens per sequence, or null for the default
 * @param recompute activation recomputation
 * @param offload what lives in host memory
 * @param precision the number formats
 * @param optimizer the optimizer
 * @param flashAttention fused attention
 * @param dropout the layers apply dropout
 * @param unevenPipeline stages may hold unequal layer counts
 * @param placement the order of the parallel dimensions over the ranks
 */
public record TrainingPlanSpec(int tensorParallel, int pipelineParallel, int virtualStages, Integer dataParallel,
        int contextParallel, int expertParallel, boolean sequenceParallel, ZeroStage zero, boolean hybridSharding,
        int microBatchSize, Integer globalBatchSize, Long sequenceTokens, Recompute recompute, Offload offload,
        TrainingPrecision precision, Optimizer optimizer, boolean flashAttention, boolean dropout,
        boolean unevenPipeline, Placement placement) {

    /** The sequence length when none is given, tokens (or the model's maximum if shorter). */
    public static final int DEFAULT_SEQUENCE_TOKENS = 2048;

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException naming the field if a degree or size is not positive or a choice is missing
     */
    public TrainingPlanSpec {
        Checks.positive("tensorParallel", tensorParallel);
        Checks.positive("pipelineParallel", pipelineParallel);
        Checks.positive("virtualStages", virtualStages);
        if (dataParallel != null) {
            Checks.positive("dataParallel", dataParallel);
        }
        Checks.positive("contextParallel", contextParallel);
        Checks.positive("expertParallel", expertParallel);
        Checks.notNull("zero", zero);
        Checks.positive("microBatchSize", microBatchSize);
        if (globalBatchSize != null) {
            Checks.positive("globalBatchSize", globalBatchSize);
        }
        if (sequenceTokens != null) {
            Checks.positive("sequenceTokens", sequenceTokens);
        }
        Checks.notNull("recompute", recompute);
        Checks.notNull("offload", offload);
        Checks.notNull("precision", precision);
        Checks.notNull("optimizer", optimizer);
        Checks.notNull("placement", placement);
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
     * Returns the spec of a complete plan: every field given, nothing left to defaults.
     *
     * @param plan the plan
     * @return the spec, whose {@link #toPlan()} gives the plan back
     */
    public static TrainingPlanSpec of(ParallelPlan plan) {
        return new TrainingPlanSpec(plan.tensorParallel(), plan.pipelineParallel(), plan.virtualStages(),
                plan.dataParallel(), plan.contextParallel(), plan.expertParallel(), plan.sequenceParallel(), plan.zero(),
                plan.hybridSharding(), plan.microBatchSize(), plan.globalBatchSize(), plan.sequenceTokens(),
                plan.recompute(), plan.offload(), plan.precision(), plan.optimizer(), plan.flashAttention(), plan.dropout(),
                plan.unevenPipeline(), plan.placement());
    }

    /**
     * Builds the plan of a spec that leaves nothing to defaults (as {@link #of(ParallelPlan)} writes).
     *
     * @return the plan
     * @throws IllegalArgumentException if data parallelism, the global batch or the sequence is
     *         left open, or the plan breaks a rule of {@link ParallelPlan}
     */
    public ParallelPlan toPlan() {
        if (dataParallel == null || globalBatchSize == null || sequenceTokens == null) {
            throw new IllegalArgumentException("a complete plan needs dataParallel, globalBatchSize and sequenceTokens");
        }
        return toPlan(null, (int) Math.min(Integer.MAX_VALUE, (long) tensorParallel * pipelineParallel * contextParallel
                * dataParallel));
    }

    /**
     * Applies the defaults and builds the plan for a model on a number of devices.
     *
     * @param model the model, whose maximum context bounds the default sequence
     * @param devices the devices of the cluster
     * @return the plan
     * @throws IllegalArgumentException if TP &times; PP &times; CP does not divide the devices, or the plan breaks a rule of {@link ParallelPlan}
     */
    public ParallelPlan toPlan(TransformerSpec model, int devices) {
        long tokens = sequenceTokens != null ? sequenceTokens : Math.min(DEFAULT_SEQUENCE_TOKENS, model.maxPositionEmbeddings());
        long inner = (long) tensorParallel * pipelineParallel * contextParallel;
        if (devices % inner != 0) {
            throw new IllegalArgumentException("tensorParallel x pipelineParallel x contextParallel = " + inner
                    + " must divide the " + devices + " devices");
        }
        ParallelPlan.Builder b = ParallelPlan.builder().tensorParallel(tensorParallel).pipelineParallel(pipelineParallel)
                .dataParallel(dataParallel != null ? dataParallel : (int) (devices / inner)).contextParallel(contextParallel)
                .expertParallel(expertParallel).virtualStages(virtualStages).sequenceParallel(sequenceParallel)
                .microBatchSize(microBatchSize).sequenceTokens(tokens).recompute(recompute).zero(zero)
                .hybridSharding(hybridSharding).precision(precision).optimizer(optimizer).offload(offload)
                .flashAttention(flashAttention).dropout(dropout).unevenPipeline(unevenPipeline).placement(placement);
        if (globalBatchSize != null) {
            b.globalBatchSize(globalBatchSize);
        }
        return b.build();
    }

    /**
     * Reads an enum value by its constant's name, in any case, with '-' for '_'.
     *
     * @param <E> the enum
     * @param field the field or flag, for the message
     * @param value the value
     * @param type the enum class
     * @param aliases further accepted names, lower case
     * @return the constant
     * @throws IllegalArgumentException naming the field, the value and the accepted names
     */
    public static <E extends Enum<E>> E choice(String field, String value, Class<E> type, Map<String, E> aliases) {
        Checks.notNull(field, value);
        E alias = aliases.get(value.toLowerCase(Locale.ROOT));
        if (alias != null) {
            return alias;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.replace('-', '_'))) {
                return e;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(name(e));
        }
        aliases.keySet().forEach(a -> names.append(", ").append(a));
        throw new IllegalArgumentException(field + ": unknown value '" + value + "'; expected one of " + names);
    }

    /**
     * Reads an offload choice: {@code none}, {@code optimizer}, {@code optimizer-and-parameters} or {@code all}.
     *
     * @param field the field or flag, for the message
     * @param value the value
     * @return the choice
     * @throws IllegalArgumentException if the value is none of these
     */
    public static Offload offload(String field, String value) {
        return choice(field, value, Offload.class, Map.of("all", Offload.OPTIMIZER_AND_PARAMETERS));
    }

    /**
     * Reads an optimizer: {@code adam}, {@code sgd-momentum} or {@code sgd}.
     *
     * @param field the field or flag, for the message
     * @param value the value
     * @return the optimizer
     * @throws IllegalArgumentException if the value is none of these
     */
    public static Optimizer optimizer(String field, String value) {
        return choice(field, value, Optimizer.class, Map.of("sgd", Optimizer.SGD_MOMENTUM));
    }

    /**
     * Returns the JSON name of an enum constant: lower case, '-' for '_'.
     *
     * @param e the constant
     * @return the name
     */
    public static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Writes the plan as a JSON object, leaving out the defaults left open. */
    ObjectNode toJson(ObjectNode o) {
        o.put("tensorParallel", tensorParallel).put("pipelineParallel", pipelineParallel).put("virtualStages", virtualStages);
        if (dataParallel != null) {
            o.put("dataParallel", dataParallel);
        }
        o.put("contextParallel", contextParallel).put("expertParallel", expertParallel)
                .put("sequenceParallel", sequenceParallel).put("zero", zero.stage()).put("hybridSharding", hybridSharding)
                .put("microBatchSize", microBatchSize);
        if (globalBatchSize != null) {
            o.put("globalBatchSize", globalBatchSize);
        }
        if (sequenceTokens != null) {
            o.put("sequenceTokens", sequenceTokens);
        }
        o.put("recompute", name(recompute)).put("offload", name(offload)).put("precision", name(precision))
                .put("optimizer", name(optimizer)).put("flashAttention", flashAttention).put("dropout", dropout)
                .put("unevenPipeline", unevenPipeline).put("placement", placement.label());
        return o;
    }

    /** Builds a {@link TrainingPlanSpec}. Not thread-safe. */
    public static final class Builder {
        private int tensorParallel = 1;
        private int pipelineParallel = 1;
        private int virtualStages = 1;
        private Integer dataParallel;
        private int contextParallel = 1;
        private int expertParallel = 1;
        private boolean sequenceParallel;
        private ZeroStage zero = ZeroStage.NONE;
        private boolean hybridSharding;
        private int microBatchSize = 1;
        private Integer globalBatchSize;
        private Long sequenceTokens;
        private Recompute recompute = Recompute.NONE;
        private Offload offload = Offload.NONE;
        private TrainingPrecision precision = TrainingPrecision.BF16;
        private Optimizer optimizer = Optimizer.ADAM;
        private boolean flashAttention = true;
        private boolean dropout;
        private boolean unevenPipeline;
        private Placement placement = Placement.TP_CP_DP_PP;

        private Builder() {
        }

        /**
         * Sets TP.
         *
         * @param v TP
         * @return this builder
         */
        public Builder tensorParallel(int v) {
            tensorParallel = v;
            return this;
        }

        /**
         * Sets PP.
         *
         * @param v PP
         * @return this builder
         */
        public Builder pipelineParallel(int v) {
            pipelineParallel = v;
            return this;
        }

        /**
         * Sets interleaved chunks per stage.
         *
         * @param v interleaved chunks per stage
         * @return this builder
         */
        public Builder virtualStages(int v) {
            virtualStages = v;
            return this;
        }

        /**
         * Sets DP, or null for the default.
         *
         * @param v DP, or null for the default
         * @return this builder
         */
        public Builder dataParallel(Integer v) {
            dataParallel = v;
            return this;
        }

        /**
         * Sets CP.
         *
         * @param v CP
         * @return this builder
         */
        public Builder contextParallel(int v) {
            contextParallel = v;
            return this;
        }

        /**
         * Sets EP.
         *
         * @param v EP
         * @return this builder
         */
        public Builder expertParallel(int v) {
            expertParallel = v;
            return this;
        }

        /**
         * Sets sequence parallelism.
         *
         * @param v sequence parallelism
         * @return this builder
         */
        public Builder sequenceParallel(boolean v) {
            sequenceParallel = v;
            return this;
        }

        /**
         * Sets the ZeRO stage.
         *
         * @param v the ZeRO stage
         * @return this builder
         */
        public Builder zero(ZeroStage v) {
            zero = v;
            return this;
        }

        /**
         * Sets hybrid sharding.
         *
         * @param v hybrid sharding
         * @return this builder
         */
        public Builder hybridSharding(boolean v) {
            hybridSharding = v;
            return this;
        }

        /**
         * Sets sequences per micro-batch.
         *
         * @param v sequences per micro-batch
         * @return this builder
         */
        public Builder microBatchSize(int v) {
            microBatchSize = v;
            return this;
        }

        /**
         * Sets sequences per step, or null for the default.
         *
         * @param v sequences per step, or null for the default
         * @return this builder
         */
        public Builder globalBatchSize(Integer v) {
            globalBatchSize = v;
            return this;
        }

        /**
         * Sets tokens per sequence, or null for the default.
         *
         * @param v tokens per sequence, or null for the default
         * @return this builder
         */
        public Builder sequenceTokens(Long v) {
            sequenceTokens = v;
            return this;
        }

        /**
         * Sets recomputation.
         *
         * @param v recomputation
         * @return this builder
         */
        public Builder recompute(Recompute v) {
            recompute = v;
            return this;
        }

        /**
         * Sets offload.
         *
         * @param v offload
         * @return this builder
         */
        public Builder offload(Offload v) {
            offload = v;
            return this;
        }

        /**
         * Sets precision.
         *
         * @param v precision
         * @return this builder
         */
        public Builder precision(TrainingPrecision v) {
            precision = v;
            return this;
        }

        /**
         * Sets optimizer.
         *
         * @param v optimizer
         * @return this builder
         */
        public Builder optimizer(Optimizer v) {
            optimizer = v;
            return this;
        }

        /**
         * Sets fused attention.
         *
         * @param v fused attention
         * @return this builder
         */
        public Builder flashAttention(boolean v) {
            flashAttention = v;
            return this;
        }

        /**
         * Sets dropout.
         *
         * @param v dropout
         * @return this builder
         */
        public Builder dropout(boolean v) {
            dropout = v;
            return this;
        }

        /**
         * Sets unequal stages allowed.
         *
         * @param v unequal stages allowed
         * @return this builder
         */
        public Builder unevenPipeline(boolean v) {
            unevenPipeline = v;
            return this;
        }

        /**
         * Sets the placement.
         *
         * @param v the order of the parallel dimensions over the ranks
         * @return this builder
         */
        public Builder placement(Placement v) {
            placement = v;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the plan
         * @throws IllegalArgumentException naming the field if a value is out of range
         */
        public TrainingPlanSpec build() {
            return new TrainingPlanSpec(tensorParallel, pipelineParallel, virtualStages, dataParallel, contextParallel,
                    expertParallel, sequenceParallel, zero, hybridSharding, microBatchSize, globalBatchSize, sequenceTokens,
                    recompute, offload, precision, optimizer, flashAttention, dropout, unevenPipeline, placement);
        }
    }
}
