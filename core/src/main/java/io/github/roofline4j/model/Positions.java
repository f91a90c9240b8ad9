package io.github.roofline4j.model;

import io.github.roofline4j.support.Checks;

/**
 * How a model encodes positions, and the parameters that takes.
 *
 * <p>Learned absolute embeddings (GPT-2, GPT-3, OPT) have a table of {@code learnedRows}
 * &times; hidden parameters (OPT keeps 2 more rows than its context, an offset of its
 * implementation). Rotary embeddings (Su et al. 2021; Llama, Mistral, Qwen, Gemma, DeepSeek)
 * have none. T5-style relative attention biases have {@code relativeBuckets} &times; heads
 * parameters in the first layer of each stack.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind the kind of position encoding
 * @param learnedRows rows of a learned position table, 0 for other kinds
 * @param relativeBuckets buckets of a relative attention bias, 0 for other kinds
 */
public record Positions(Kind kind, int learnedRows, int relativeBuckets) {

    /** Kinds of position encoding. */
    public enum Kind {
        /** Learned absolute position embeddings. */
        LEARNED,
        /** Rotary position embeddings, without parameters. */
        ROTARY,
        /** Relative attention bias (T5). */
        RELATIVE_BIAS,
        /** No position parameters (ALiBi, NoPE). */
        NONE
    }

    /**
     * Validates the counts against the kind.
     *
     * @throws IllegalArgumentException if the counts do not fit the kind
     */
    public Positions {
        Checks.notNull("positions.kind", kind);
        Checks.nonNegative("positions.learnedRows", learnedRows);
        Checks.nonNegative("positions.relativeBuckets", relativeBuckets);
        if ((kind == Kind.LEARNED) != (learnedRows > 0)) {
            throw new IllegalArgumentException("positions.learnedRows must be > 0 exactly for LEARNED positions, was "
                    + learnedRows + " for " + kind);
        }
        if ((kind == Kind.RELATIVE_BIAS) != (relativeBuckets > 0)) {
            throw new IllegalArgumentException("positions.relativeBuckets must be > 0 exactly for RELATIVE_BIAS, was "
                    + relativeBuckets + " for " + kind);
        }
    }

    /**
     * Rotary positions.
     *
     * @return the positions
     */
    public static Positions rotary() {
        return new Positions(Kind.ROTARY, 0, 0);
    }

    /**
     * Learned absolute positions.
     *
     * @param rows rows of the table, &gt; 0
     * @return the positions
     */
    public static Positions learned(int rows) {
        return new Positions(Kind.LEARNED, rows, 0);
    }
}
