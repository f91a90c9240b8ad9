package io.github.roofline4j.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.roofline4j.support.Checks;
import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.JsonFields;
import io.github.roofline4j.support.Suggestions;
import io.github.roofline4j.support.UnknownNameException;

/**
 * The catalog of model presets: real {@code config.json} values of well-known models, read by
 * {@link HuggingFaceConfig}, each with its source.
 *
 * <p>It ships GPT-2 (124M, 1.5B), the eight GPT-3 sizes of Brown et al. (2020) Table 2.1, Llama 2
 * 7B/13B/70B, Llama 3.1 8B/70B/405B, Mistral 7B, Mixtral 8x7B and 8x22B, Qwen2.5 7B and 72B,
 * Qwen3 8B, Qwen1.5-MoE-A2.7B, Gemma 7B, Gemma 2 9B/27B, Phi-3-mini, OPT-13B, GPT-NeoX-20B,
 * DeepSeek-V3, DeepSeek-V2-Lite, T5-base and the ten GPT models of Narayanan et al. (2021) Table 1.
 * Lookups ignore case, spaces and underscores.
 *
 * <pre>{@code
 * TransformerSpec llama = Models.get("llama-3.1-70b");
 * }</pre>
 *
 * <p>Thread-safe; the presets are loaded once.
 */
public final class Models {

    private static final String RESOURCE = "/io/github/roofline4j/model/models.json";

    private Models() {
    }

    private static final class Holder {
        static final Map<String, ModelPreset> BY_NAME;
        static final List<ModelPreset> PRESETS;

        static {
            List<ModelPreset> presets = load();
            Map<String, ModelPreset> names = new LinkedHashMap<>();
            for (ModelPreset p : presets) {
                for (String name : names(p)) {
                    if (names.put(name, p) != null) {
                        throw new IllegalStateException("models.json: duplicate preset id or alias '" + name + "'");
                    }
                }
            }
            PRESETS = List.copyOf(presets);
            BY_NAME = Collections.unmodifiableMap(names);
        }
    }

    private static List<String> names(ModelPreset p) {
        List<String> names = new ArrayList<>();
        names.add(Suggestions.normalize(p.id()));
        p.aliases().forEach(a -> names.add(Suggestions.normalize(a)));
        return names;
    }

    private static List<ModelPreset> load() {
        String text;
        try (InputStream in = Models.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("model presets " + RESOURCE + " are missing from the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        JsonFields root = JsonFields.of(Json.parse(text, "models.json"), "models.json", "$");
        List<ModelPreset> presets = new ArrayList<>();
        for (JsonFields p : root.objects("presets")) {
            String id = p.string("id");
            String name = p.string("name");
            List<String> aliases = p.strings("aliases");
            String source = p.string("source");
            List<String> notes = p.strings("notes");
            TransformerSpec spec = HuggingFaceConfig.read(p.raw("config"), "models.json " + p.pathOf("config"), name);
            p.finish();
            presets.add(new ModelPreset(id, aliases, spec.toBuilder().name(name).build(), source, notes));
        }
        root.finish();
        return presets;
    }

    /**
     * Returns a preset model by id or alias.
     *
     * @param name the id or alias, such as {@code llama-3.1-70b} or {@code gpt2}
     * @return the model
     * @throws IllegalArgumentException if the name is null or blank
     * @throws UnknownNameException if there is no such preset, with the closest ids
     */
    public static TransformerSpec get(String name) {
        return preset(name).spec();
    }

    /**
     * Returns a preset with its source and notes.
     *
     * @param name the id or alias
     * @return the preset
     * @throws IllegalArgumentException if the name is null or blank
     * @throws UnknownNameException if there is no such preset, with the closest ids
     */
    public static ModelPreset preset(String name) {
        Checks.notBlank("model id", name);
        return find(name).orElseThrow(() -> new UnknownNameException("model", name,
                Suggestions.closest(name, Holder.BY_NAME.keySet(), 3).stream().map(n -> Holder.BY_NAME.get(n).id())
                        .distinct().toList()));
    }

    /**
     * Finds a preset by id or alias.
     *
     * @param name the id or alias
     * @return the preset, or empty
     */
    public static Optional<ModelPreset> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(Holder.BY_NAME.get(Suggestions.normalize(name)));
    }

    /**
     * Returns every preset, in catalog order.
     *
     * @return the presets
     */
    public static List<ModelPreset> list() {
        return Holder.PRESETS;
    }

    /**
     * Resolves a command-line value: a path to a Hugging Face {@code config.json} (an existing
     * file, or any value ending in {@code .json}), or a preset id.
     *
     * @param idOrPath a preset id or alias, or a path
     * @return the model
     * @throws InvalidInputException if the file is unreadable or invalid
     * @throws IllegalArgumentException if the value is null or blank
     * @throws UnknownNameException if the id is not a preset
     */
    public static TransformerSpec resolve(String idOrPath) {
        Checks.notBlank("model id or path", idOrPath);
        Path p = Path.of(idOrPath);
        if (idOrPath.toLowerCase(Locale.ROOT).endsWith(".json") || Files.isRegularFile(p)) {
            return HuggingFaceConfig.read(Files.isDirectory(p) ? p.resolve("config.json") : p);
        }
        if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("config.json"))) {
            return HuggingFaceConfig.read(p.resolve("config.json"));
        }
        return get(idOrPath);
    }
}
