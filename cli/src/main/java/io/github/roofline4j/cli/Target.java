package io.github.roofline4j.cli;

import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.TransformerSpec;
import picocli.CommandLine.Option;

/** The options that name what an estimate is for: {@code --model} and one of {@code --hardware} and {@code --cluster}. */
final class Target {

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "A preset id (llama-3.1-70b, ...) or a path to a Hugging Face config.json.")
    private String model;

    @Option(names = "--hardware", paramLabel = "H", description = "An accelerator id or alias, or a path to an accelerator JSON file.")
    private String hardware;

    @Option(names = "--cluster", paramLabel = "C", description = "A cluster preset id or a path to a cluster JSON file (instead of --hardware).")
    private String cluster;

    /**
     * Resolves the model.
     *
     * @return the model
     */
    TransformerSpec model() {
        return Models.resolve(model);
    }

    /**
     * Checks that exactly one of {@code --hardware} and {@code --cluster} is given.
     *
     * @param hardwareUsage how {@code --hardware} is given, for the message
     * @return true if {@code --hardware} is given, false if {@code --cluster} is
     */
    boolean byHardware(String hardwareUsage) {
        if ((hardware == null) == (cluster == null)) {
            throw new IllegalArgumentException("give exactly one of " + hardwareUsage + " and --cluster");
        }
        return hardware != null;
    }

    /**
     * Resolves {@code --hardware}.
     *
     * @return the accelerator
     */
    Accelerator accelerator() {
        return HardwareCatalog.builtIn().resolve(hardware);
    }

    /**
     * Resolves {@code --cluster}.
     *
     * @return the cluster
     */
    ClusterSpec cluster() {
        return HardwareCatalog.builtIn().resolveCluster(cluster);
    }

    /**
     * Returns the cluster of a training command: {@code --hardware} with {@code --gpus N}, or
     * {@code --cluster}, resized to {@code --gpus} whole nodes when given.
     *
     * @param gpus the {@code --gpus} value, or null
     * @return the cluster
     */
    ClusterSpec cluster(Integer gpus) {
        if (byHardware("--hardware (with --gpus)")) {
            if (gpus == null) {
                throw new IllegalArgumentException("--hardware needs --gpus N");
            }
            return ClusterSpec.of(accelerator(), gpus);
        }
        ClusterSpec c = cluster();
        if (gpus != null) {
            if (gpus <= 0 || gpus % c.devicesPerNode() != 0) {
                throw new IllegalArgumentException("--gpus " + gpus + " must be a positive multiple of the "
                        + c.devicesPerNode() + " devices per node of " + c.id());
            }
            c = c.withNodeCount(gpus / c.devicesPerNode());
        }
        return c;
    }
}
