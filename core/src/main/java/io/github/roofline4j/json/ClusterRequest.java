package io.github.roofline4j.json;

import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.support.Checks;
import tools.jackson.databind.node.ObjectNode;

/**
 * Looks up a cluster: {@code {"kind": "cluster", "cluster": "dgx-h100"}}, optionally resized with
 * {@code gpus}; the result is the cluster object of {@code roofline4j hardware clusters --json},
 * its accelerator inline.
 *
 * @param id the caller's id, or null
 * @param cluster the cluster
 * @param gpus the devices to resize it to (whole nodes), or null
 */
public record ClusterRequest(String id, ClusterSource cluster, Integer gpus) implements Request<ClusterSpec> {

    /** The kind. */
    public static final String KIND = "cluster";

    /**
     * Validates the request.
     *
     * @throws IllegalArgumentException if the cluster is missing or gpus not positive
     */
    public ClusterRequest {
        Checks.notNull("cluster", cluster);
        if (gpus != null) {
            Checks.positive("gpus", gpus);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ClusterSpec evaluate(HardwareResolver resolver) {
        return new Devices(null, cluster, gpus).trainingCluster(resolver);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = RequestJson.start(this);
        o.set("cluster", cluster.toJson());
        if (gpus != null) {
            o.put("gpus", gpus);
        }
        return o;
    }
}
