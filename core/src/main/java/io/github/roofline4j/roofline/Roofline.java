package io.github.roofline4j.roofline;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ComputePath;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.units.UnitFormat;

/**
 * The roofline of an accelerator for math in one data type (Williams, Waterman and Patterson,
 * "Roofline: an insightful visual performance model for multicore architectures", CACM 52(4),
 * 2009): attainable FLOP/s = min(peak FLOP/s, bandwidth &times; arithmetic intensity).
 *
 * <p>Arithmetic intensity is FLOPs per byte of device-memory traffic. Below the ridge point,
 * peak / bandwidth, an operation is memory-bound; at or above it, compute-bound. The peak is the
 * dense datasheet peak of the type's {@linkplain Accelerator#computePath(DataType) compute path};
 * how much of it is achievable is the efficiency model's business, not the roofline's.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Roofline r = Roofline.of(HardwareCatalog.builtIn().get("h100"), DataType.BF16);
 * r.ridgePointFlopsPerByte();               // 295.3 FLOP/byte
 * r.attainableFlopsPerSecond(100);          // 3.35e14: memory-bound
 * }</pre>
 *
 * @param acceleratorId the id of the accelerator
 * @param path how the data type runs (natively, upcast, or on vector units) and its peak
 * @param memoryBandwidthBytesPerSecond the device memory bandwidth, bytes per second, &gt; 0
 */
public record Roofline(String acceleratorId, ComputePath path, double memoryBandwidthBytesPerSecond) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a component is missing or the bandwidth not positive
     */
    public Roofline {
        Checks.notBlank("acceleratorId", acceleratorId);
        Checks.notNull("path", path);
        Checks.positive("memoryBandwidthBytesPerSecond", memoryBandwidthBytesPerSecond);
    }

    /**
     * Builds the roofline of an accelerator for a data type.
     *
     * @param accelerator the accelerator
     * @param type the data type of the math
     * @return the roofline
     * @throws io.github.roofline4j.hardware.UnsupportedDataTypeException if the accelerator has no rate for the type
     */
    public static Roofline of(Accelerator accelerator, DataType type) {
        return new Roofline(accelerator.id(), accelerator.computePath(type), accelerator.memoryBandwidthBytesPerSecond());
    }

    /**
     * Returns the peak rate of the roof.
     *
     * @return FLOP per second
     */
    public double peakFlopsPerSecond() {
        return path.flopsPerSecond();
    }

    /**
     * Returns the ridge point, where the bandwidth slope meets the compute roof.
     *
     * @return peak / bandwidth, FLOP per byte
     */
    public double ridgePointFlopsPerByte() {
        return path.flopsPerSecond() / memoryBandwidthBytesPerSecond;
    }

    /**
     * Returns the attainable rate at an arithmetic intensity.
     *
     * @param flopsPerByte arithmetic intensity, FLOP per byte, &ge; 0
     * @return min(peak, bandwidth &times; intensity), FLOP per second
     * @throws IllegalArgumentException if the intensity is negative or not finite
     */
    public double attainableFlopsPerSecond(double flopsPerByte) {
        Checks.nonNegative("flopsPerByte", flopsPerByte);
        return Math.min(path.flopsPerSecond(), memoryBandwidthBytesPerSecond * flopsPerByte);
    }

    /**
     * Says what bounds an operation of the given intensity.
     *
     * @param flopsPerByte arithmetic intensity, FLOP per byte, &ge; 0
     * @return {@link Bound#MEMORY} below the ridge point, {@link Bound#COMPUTE} at or above it
     * @throws IllegalArgumentException if the intensity is negative or not finite
     */
    public Bound boundAt(double flopsPerByte) {
        Checks.nonNegative("flopsPerByte", flopsPerByte);
        return flopsPerByte < ridgePointFlopsPerByte() ? Bound.MEMORY : Bound.COMPUTE;
    }

    @Override
    public String toString() {
        return acceleratorId + " " + path.requested().displayName() + ": roof " + UnitFormat.flopsPerSecond(peakFlopsPerSecond())
                + ", slope " + UnitFormat.bytesPerSecond(memoryBandwidthBytesPerSecond) + ", ridge point "
                + UnitFormat.number(ridgePointFlopsPerByte()) + " FLOP/byte";
    }
}
