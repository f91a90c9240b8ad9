package io.github.roofline4j.model;

import java.util.List;

import io.github.roofline4j.support.Checks;

/**
 * A model of the preset catalog, with where its configuration comes from.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the preset id, such as {@code llama-3.1-70b}
 * @param aliases other ids it is found by
 * @param spec the model
 * @param source where the configuration values come from
 * @param notes caveats about the configuration
 */
public record ModelPreset(String id, List<String> aliases, TransformerSpec spec, String source, List<String> notes) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a component is missing
     */
    public ModelPreset {
        Checks.notBlank("id", id);
        aliases = List.copyOf(aliases);
        Checks.notNull("spec", spec);
        Checks.notBlank("source", source);
        notes = List.copyOf(notes);
    }
}
