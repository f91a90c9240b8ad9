package io.github.roofline4j.parallel;

import java.util.Locale;

/**
 * The order in which the parallel dimensions are laid out over the ranks, innermost first. Tensor
 * parallelism is always innermost (its collectives run in every layer and need the fastest link);
 * the order of the other three decides which of them stay inside a scale-up domain: with 8-device
 * NVLink domains and TP 4, the default {@link #TP_CP_DP_PP} keeps two CP ranks (or, without CP, two
 * DP ranks) in a domain, {@link #TP_PP_DP_CP} two pipeline stages.
 *
 * <p>Ranks are numbered as a mixed-radix number whose digits are the dimensions in this order
 * (Megatron-LM's {@code RankGenerator} with an {@code order} such as {@code tp-cp-ep-dp-pp}; EP is
 * always drawn from the DP &times; CP ranks).
 */
public enum Placement {
    /** Megatron-LM's default: TP, then CP, then DP, then PP outermost. */
    TP_CP_DP_PP(Dimension.CP, Dimension.DP, Dimension.PP),
    /** Data-parallel ranks before context-parallel ones. */
    TP_DP_CP_PP(Dimension.DP, Dimension.CP, Dimension.PP),
    /** Context parallelism inside, then pipeline stages, data parallelism outermost. */
    TP_CP_PP_DP(Dimension.CP, Dimension.PP, Dimension.DP),
    /** Pipeline stages next to TP (hand-offs over the scale-up link), then CP, then DP. */
    TP_PP_CP_DP(Dimension.PP, Dimension.CP, Dimension.DP),
    /** Pipeline stages next to TP, then DP, then CP. */
    TP_PP_DP_CP(Dimension.PP, Dimension.DP, Dimension.CP),
    /** Data parallelism inside, then pipeline stages, context parallelism outermost. */
    TP_DP_PP_CP(Dimension.DP, Dimension.PP, Dimension.CP);

    /** A parallel dimension other than TP. */
    enum Dimension { CP, DP, PP }

    private final Dimension[] order;

    Placement(Dimension... order) {
        this.order = order;
    }

    /** The three dimensions after TP, innermost first. */
    Dimension at(int i) {
        return order[i];
    }

    /**
     * Returns the name written on command lines and in JSON: the dimensions innermost first, as {@code tp-cp-dp-pp}.
     *
     * @return the label
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a label such as {@code tp-cp-dp-pp} (case-insensitive; {@code _} and {@code -} both separate).
     *
     * @param text the label
     * @return the placement
     * @throws IllegalArgumentException naming the accepted labels if the text is none of them
     */
    public static Placement parse(String text) {
        String key = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Placement p : values()) {
            if (p.name().equals(key)) {
                return p;
            }
        }
        java.util.List<String> labels = new java.util.ArrayList<>();
        for (Placement p : values()) {
            labels.add(p.label());
        }
        throw new IllegalArgumentException("placement must be one of " + String.join(", ", labels) + ", was '" + text
                + "'");
    }
}
