package io.github.roofline4j.json;

import java.nio.file.Path;

import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.HardwareJson;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.JsonFields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a request's cluster comes from: a preset id, a JSON file holding one cluster object, or
 * the object written inline (the format of {@link HardwareJson#readCluster}, whose
 * {@code accelerator} is a catalog id or an inline accelerator). In JSON: {@code "dgx-h100"},
 * {@code {"path": "cluster.json"}} or {@code {"id": "my-pod", "accelerator": "h100-sxm", ...}}.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ClusterSource {

    /**
     * Finds the cluster.
     *
     * @param resolver finds catalog ids
     * @return the cluster
     * @throws IllegalArgumentException if the id is unknown or the file invalid
     */
    ClusterSpec resolve(HardwareResolver resolver);

    /**
     * Writes the source as JSON.
     *
     * @return a string node (preset id) or an object
     */
    JsonNode toJson();

    /**
     * A cluster preset of the catalog.
     *
     * @param id the preset id
     */
    record Catalog(String id) implements ClusterSource {
        /**
         * Validates the id.
         *
         * @throws IllegalArgumentException if it is blank
         */
        public Catalog {
            Checks.notBlank("cluster", id);
        }

        @Override
        public ClusterSpec resolve(HardwareResolver resolver) {
            return resolver.cluster(id);
        }

        @Override
        public JsonNode toJson() {
            return Json.mapper().getNodeFactory().stringNode(id);
        }
    }

    /**
     * A JSON file holding one cluster object.
     *
     * @param path the path
     */
    record File(String path) implements ClusterSource {
        /**
         * Validates the path.
         *
         * @throws IllegalArgumentException if it is blank
         */
        public File {
            Checks.notBlank("path", path);
        }

        @Override
        public ClusterSpec resolve(HardwareResolver resolver) {
            return HardwareJson.readCluster(JsonFields.of(Json.read(Path.of(path)), path, "$"), resolver::accelerator);
        }

        @Override
        public JsonNode toJson() {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("path", path);
            return o;
        }
    }

    /**
     * A cluster described inline.
     *
     * @param cluster the cluster
     */
    record Inline(ClusterSpec cluster) implements ClusterSource {
        /**
         * Validates the cluster.
         *
         * @throws IllegalArgumentException if it is null
         */
        public Inline {
            Checks.notNull("cluster", cluster);
        }

        @Override
        public ClusterSpec resolve(HardwareResolver resolver) {
            return cluster;
        }

        @Override
        public JsonNode toJson() {
            return HardwareJson.toJson(cluster);
        }
    }
}
