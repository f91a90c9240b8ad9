package io.github.roofline4j.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import io.github.roofline4j.catalog.CatalogResolver;
import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.charts.RooflineChart;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.inference.OperationRow;
import io.github.roofline4j.json.ClusterSource;
import io.github.roofline4j.json.Devices;
import io.github.roofline4j.json.HardwareResolver;
import io.github.roofline4j.json.HardwareSource;
import io.github.roofline4j.json.ModelSource;
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
     * Returns where {@code --model} comes from, for a request.
     *
     * @return the model source
     */
    ModelSource modelSource() {
        return ModelSource.parse(model);
    }

    /**
     * Returns the devices of a request: {@code --hardware} or {@code --cluster}, resolved by the
     * built-in catalog (which reads paths to JSON files as well as ids).
     *
     * @param hardwareUsage how {@code --hardware} is given, for the message
     * @param gpus the device count, or null
     * @return the devices
     */
    Devices devices(String hardwareUsage, Integer gpus) {
        return byHardware(hardwareUsage) ? new Devices(new HardwareSource.Inline(accelerator()), null, gpus)
                : new Devices(null, new ClusterSource.Inline(cluster()), gpus);
    }

    /**
     * Writes the roofline of an estimate's operations ({@code --plot}): the ceiling of the data
     * type the matrix math runs in, and the operations as points labelled by name and bound.
     *
     * @param devices the devices of the request
     * @param type the data type of the matrix math
     * @param operations the estimate's operations
     * @param file a {@code .png} or {@code .svg} file
     * @throws IllegalArgumentException if the file name ends with neither
     */
    static void plot(Devices devices, DataType type, List<OperationRow> operations, Path file) {
        HardwareResolver r = resolver();
        Accelerator a = devices.hardware() != null ? devices.hardware().resolve(r) : devices.cluster().resolve(r).accelerator();
        try {
            RooflineChart.ofOperations(a, List.of(type), operations).write(file);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("--plot: " + e.getMessage());
        }
    }

    /**
     * Returns the resolver of catalog ids the commands use.
     *
     * @return the built-in catalog
     */
    static HardwareResolver resolver() {
        return new CatalogResolver(HardwareCatalog.builtIn());
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
        if (byHardware("--hardware (with --gpus)") && gpus == null) {
            throw new IllegalArgumentException("--hardware needs --gpus N");
        }
        try {
            return devices("--hardware (with --gpus)", gpus).trainingCluster(resolver());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("gpus") ? "--" + e.getMessage() : e.getMessage());
        }
    }
}
