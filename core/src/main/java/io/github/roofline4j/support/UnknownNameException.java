package io.github.roofline4j.support;

import java.util.List;
import java.util.Set;

/**
 * A name or id that is not in a catalog, with the closest names that are.
 *
 * <p>The message reads, for example,
 * {@code unknown accelerator 'h10'; closest ids: h100-sxm, h100-nvl, h100-pcie}. Catalog entries
 * (kinds {@code accelerator}, {@code cluster} and {@code model}) have ids, so their suggestions are
 * "closest ids"; other kinds (a data type, a KV-cache format) have names: {@code unknown data
 * type 'bf61'; closest names: bf16, fp16}.
 */
public class UnknownNameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The kinds whose entries are looked up by id. */
    private static final Set<String> ID_KINDS = Set.of("accelerator", "cluster", "model");

    private final String kind;
    private final String name;
    private final List<String> suggestions;

    /**
     * Creates the exception.
     *
     * @param kind what was looked up, such as {@code "accelerator"}
     * @param name the name that was not found
     * @param suggestions the closest known names, best first; may be empty
     */
    public UnknownNameException(String kind, String name, List<String> suggestions) {
        super("unknown " + kind + " '" + name + "'" + (suggestions.isEmpty() ? ""
                : "; closest " + (ID_KINDS.contains(kind) ? "ids" : "names") + ": " + String.join(", ", suggestions)));
        this.kind = kind;
        this.name = name;
        this.suggestions = List.copyOf(suggestions);
    }

    /**
     * Returns what was looked up.
     *
     * @return the kind, such as {@code "accelerator"}
     */
    public String kind() {
        return kind;
    }

    /**
     * Returns the name that was not found.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the closest known names.
     *
     * @return the suggestions, best first
     */
    public List<String> suggestions() {
        return suggestions;
    }
}
