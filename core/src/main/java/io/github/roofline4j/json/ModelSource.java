package io.github.roofline4j.json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.github.roofline4j.model.HuggingFaceConfig;
import io.github.roofline4j.model.ModelPreset;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a request's model comes from: a preset id, a Hugging Face {@code config.json} file, or a
 * config object written inline. In JSON: {@code "llama-3.1-70b"}, {@code {"path": "config.json"}}
 * or {@code {"config": {...}, "name": "My model"}}.
 *
 * <p>Immutable and thread-safe (an inline config is copied in and out).
 */
public sealed interface ModelSource {

    /**
     * Reads the model.
     *
     * @return the model
     * @throws IllegalArgumentException if the preset is unknown or the config invalid
     */
    TransformerSpec resolve();

    /**
     * Returns where the model comes from, for {@link io.github.roofline4j.model.ModelSummary#source()}.
     *
     * @return the preset's source, the path, or null for an inline config
     */
    String provenance();

    /**
     * Returns the notes of a preset.
     *
     * @return the notes, empty unless a preset
     */
    default List<String> notes() {
        return List.of();
    }

    /**
     * Writes the source as JSON.
     *
     * @return a string node (preset) or an object
     */
    JsonNode toJson();

    /**
     * Reads a command-line value the way {@code --model} does: a preset id or alias, or else a
     * path to a {@code config.json} file (a value ending in {@code .json}, or an existing file or
     * directory holding {@code config.json}).
     *
     * @param idOrPath the value
     * @return the source
     * @throws IllegalArgumentException if the value is null or blank
     */
    static ModelSource parse(String idOrPath) {
        Checks.notBlank("model id or path", idOrPath);
        if (Models.find(idOrPath).isEmpty()) {
            Path p = Path.of(idOrPath);
            if (idOrPath.toLowerCase(Locale.ROOT).endsWith(".json") || Files.exists(p)) {
                return new File(idOrPath);
            }
        }
        return new Preset(idOrPath);
    }

    /**
     * A preset of {@link Models}.
     *
     * @param id the preset id or alias
     */
    record Preset(String id) implements ModelSource {
        /**
         * Validates the id.
         *
         * @throws IllegalArgumentException if it is blank
         */
        public Preset {
            Checks.notBlank("model", id);
        }

        @Override
        public TransformerSpec resolve() {
            return Models.get(id);
        }

        @Override
        public String provenance() {
            return Models.find(id).map(ModelPreset::source).orElse(id);
        }

        @Override
        public List<String> notes() {
            return Models.find(id).map(ModelPreset::notes).orElse(List.of());
        }

        @Override
        public JsonNode toJson() {
            return Json.mapper().getNodeFactory().stringNode(id);
        }
    }

    /**
     * A Hugging Face {@code config.json} file, or a directory holding one.
     *
     * @param path the path
     */
    record File(String path) implements ModelSource {
        /**
         * Validates the path.
         *
         * @throws IllegalArgumentException if it is blank
         */
        public File {
            Checks.notBlank("path", path);
        }

        @Override
        public TransformerSpec resolve() {
            Path p = Path.of(path);
            return HuggingFaceConfig.read(Files.isDirectory(p) ? p.resolve("config.json") : p);
        }

        @Override
        public String provenance() {
            return path;
        }

        @Override
        public JsonNode toJson() {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("path", path);
            return o;
        }
    }

    /**
     * A Hugging Face config written inline.
     *
     * @param config the config object (copied)
     * @param name the model's name, or null for the config's {@code _name_or_path} or model type
     */
    record Config(JsonNode config, String name) implements ModelSource {
        /**
         * Copies the config.
         *
         * @throws IllegalArgumentException if it is not an object, or the name is blank
         */
        public Config {
            if (config == null || !config.isObject()) {
                throw new IllegalArgumentException("config must be a Hugging Face config object");
            }
            if (name != null) {
                Checks.notBlank("name", name);
            }
            config = config.deepCopy();
        }

        /**
         * Returns a copy of the config.
         *
         * @return the config object
         */
        @Override
        public JsonNode config() {
            return config.deepCopy();
        }

        @Override
        public TransformerSpec resolve() {
            return HuggingFaceConfig.read(config, "request model.config", name);
        }

        @Override
        public String provenance() {
            return null;
        }

        @Override
        public JsonNode toJson() {
            ObjectNode o = Json.mapper().createObjectNode();
            o.set("config", config.deepCopy());
            if (name != null) {
                o.put("name", name);
            }
            return o;
        }
    }
}
