package io.github.roofline4j.json;

import java.nio.file.Path;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.HardwareJson;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.support.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a request's accelerator comes from: a catalog id, a JSON file holding one accelerator
 * object, or the object written inline (the format of {@link HardwareJson} and of
 * {@code roofline4j hardware show --json}). In JSON: {@code "h100-sxm"},
 * {@code {"path": "my-gpu.json"}} or {@code {"id": "my-gpu", ...}}.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface HardwareSource {

    /**
     * Finds the accelerator.
     *
     * @param resolver finds catalog ids
     * @return the accelerator
     * @throws IllegalArgumentException if the id is unknown or the file invalid
     */
    Accelerator resolve(HardwareResolver resolver);

    /**
     * Writes the source as JSON.
     *
     * @return a string node (catalog id) or an object
     */
    JsonNode toJson();

    /**
     * An accelerator of the catalog.
     *
     * @param id the id or alias
     */
    record Catalog(String id) implements HardwareSource {
        /**
         * Validates the id.
         *
         * @throws IllegalArgumentException if it is blank
         */
        public Catalog {
            Checks.notBlank("hardware", id);
        }

        @Override
        public Accelerator resolve(HardwareResolver resolver) {
            return resolver.accelerator(id);
        }

        @Override
        public JsonNode toJson() {
            return Json.mapper().getNodeFactory().stringNode(id);
        }
    }

    /**
     * A JSON file holding one accelerator object.
     *
     * @param path the path
     */
    record File(String path) implements HardwareSource {
        /**
         * Validates the path.
         *
         * @throws IllegalArgumentException if it is blank
         */
        public File {
            Checks.notBlank("path", path);
        }

        @Override
        public Accelerator resolve(HardwareResolver resolver) {
            return HardwareJson.readAccelerator(Path.of(path));
        }

        @Override
        public JsonNode toJson() {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("path", path);
            return o;
        }
    }

    /**
     * An accelerator described inline.
     *
     * @param accelerator the accelerator
     */
    record Inline(Accelerator accelerator) implements HardwareSource {
        /**
         * Validates the accelerator.
         *
         * @throws IllegalArgumentException if it is null
         */
        public Inline {
            Checks.notNull("accelerator", accelerator);
        }

        @Override
        public Accelerator resolve(HardwareResolver resolver) {
            return accelerator;
        }

        @Override
        public JsonNode toJson() {
            return HardwareJson.toJson(accelerator);
        }
    }
}
