package io.github.roofline4j.json;

import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.support.Checks;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a request runs on: an accelerator ({@code hardware}, with {@code gpus} devices for
 * training) or a cluster ({@code cluster}, resized to {@code gpus} devices when given).
 *
 * <p>Immutable and thread-safe.
 *
 * @param hardware the accelerator, or null when a cluster is given
 * @param cluster the cluster, or null when an accelerator is given
 * @param gpus the devices, or null: with {@code hardware} the size of a training cluster; with
 *        {@code cluster} a resize to whole nodes
 */
public record Devices(HardwareSource hardware, ClusterSource cluster, Integer gpus) {

    /**
     * Validates the choice.
     *
     * @throws IllegalArgumentException unless exactly one of hardware and cluster is given, or if gpus is not positive
     */
    public Devices {
        if ((hardware == null) == (cluster == null)) {
            throw new IllegalArgumentException("give exactly one of hardware and cluster");
        }
        if (gpus != null) {
            Checks.positive("gpus", gpus);
        }
    }

    /**
     * One accelerator type, without a device count (inference sizes itself from its plan).
     *
     * @param hardware the accelerator
     * @return the devices
     */
    public static Devices of(HardwareSource hardware) {
        return new Devices(hardware, null, null);
    }

    /**
     * A cluster, as it is.
     *
     * @param cluster the cluster
     * @return the devices
     */
    public static Devices of(ClusterSource cluster) {
        return new Devices(null, cluster, null);
    }

    /**
     * Returns the cluster a training run uses: {@code gpus} of the accelerator, or the cluster
     * resized to {@code gpus} devices.
     *
     * @param resolver finds catalog ids
     * @return the cluster
     * @throws IllegalArgumentException if an accelerator is given without gpus, or gpus is not whole nodes of the cluster
     */
    public ClusterSpec trainingCluster(HardwareResolver resolver) {
        if (hardware != null) {
            if (gpus == null) {
                throw new IllegalArgumentException("hardware needs gpus, the number of devices to train on");
            }
            return ClusterSpec.of(hardware.resolve(resolver), gpus);
        }
        ClusterSpec c = cluster.resolve(resolver);
        if (gpus != null) {
            if (gpus % c.devicesPerNode() != 0) {
                throw new IllegalArgumentException("gpus " + gpus + " must be a multiple of the " + c.devicesPerNode()
                        + " devices per node of " + c.id());
            }
            c = c.withNodeCount(gpus / c.devicesPerNode());
        }
        return c;
    }

    /** Writes the fields into a request object. */
    void writeTo(ObjectNode o) {
        if (hardware != null) {
            o.set("hardware", hardware.toJson());
        } else {
            o.set("cluster", cluster.toJson());
        }
        if (gpus != null) {
            o.put("gpus", gpus);
        }
    }
}
