package io.github.roofline4j.hardware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.github.roofline4j.support.Checks;
import io.github.roofline4j.support.Suggestions;
import io.github.roofline4j.units.UnitFormat;

/**
 * One accelerator (GPU, TPU chip, Gaudi card, Trainium chip) as a performance model sees it:
 * memory, peak rates per data type, links, and the source of each figure.
 *
 * <p>Peaks are vendor datasheet figures: dense (never 2:4-sparse) matrix throughput per
 * {@link DataType} in {@link #peakFlopsPerSecond()}, vector (non-matrix) rates in
 * {@link #vectorFlopsPerSecond()}. How much of a peak is achievable is not the descriptor's
 * business; the efficiency model of the pricing layer says that. A data type absent from both
 * maps is not supported natively; {@link #computePath(DataType)} states the fallback. Bandwidth
 * and rates are at least 1 (byte or FLOP per second): a positive rate closer to zero is no real
 * device and would make ratios such as the ridge point (peak / bandwidth) overflow to infinity.
 *
 * <p>Figures other than memory, bandwidth and the peaks are optional: absent means unknown
 * (the catalog never invents a figure). {@link #sources()} maps a figure key (a component name,
 * or {@code peakFlopsPerSecond.BF16} for one entry of a map) to its citation, and
 * {@link #references()} resolves the reference keys cited there.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder(String, String, String)}:
 * <pre>{@code
 * Accelerator gpu = Accelerator.builder("my-gpu", "ACME", "ACME X1")
 *         .memoryBytes(96 * Units.GB)
 *         .memoryBandwidthBytesPerSecond(4e12)
 *         .peakFlopsPerSecond(DataType.BF16, 800e12)
 *         .build();
 * double fp8 = gpu.peakFlopsPerSecond(DataType.FP8_E4M3);   // 800e12: FP8 runs as BF16
 * }</pre>
 *
 * @param id unique lower-case id, such as {@code h100-sxm}: letters, digits, '.', '-'
 * @param vendor the vendor, such as {@code NVIDIA}
 * @param displayName the product name, such as {@code NVIDIA H100 SXM5 80GB}
 * @param aliases other ids it is found by, in the same lower-case form
 * @param memoryBytes device memory capacity in bytes as the vendor states it, &gt; 0
 * @param memoryBandwidthBytesPerSecond peak device memory bandwidth, bytes per second, &ge; 1 and finite
 * @param peakFlopsPerSecond dense peak matrix-unit rate per data type, FLOP per second (OPS for integers), each &ge; 1 and finite
 * @param vectorFlopsPerSecond peak vector-unit (non-matrix) rate per data type, FLOP per second, each &ge; 1 and finite
 * @param onChipCacheBytes last-level on-chip cache or software-managed SRAM, bytes, if known
 * @param computeUnits the parallel compute units (SMs, CUs, cores), if known
 * @param clockHertz the clock the matrix peaks are quoted at, hertz, if known
 * @param tdpWatts thermal design power (or board power) in watts, if known
 * @param scaleUp the scale-up link per device (NVLink, Infinity Fabric, ICI, NeuronLink), per direction, if any
 * @param scaleUpDomainDevices devices in the vendor's reference scale-up domain (8 for HGX, 72 for NVL72), if known
 * @param devicesPerNode devices per server or host in the reference platform, if known
 * @param scaleOut the scale-out network per device, per direction, if known
 * @param hostLink the link to the host CPU (PCIe, NVLink-C2C), per direction, if known
 * @param memoryType the memory technology, such as {@code HBM3}, if known
 * @param launchYear the year of announcement or first availability, if known
 * @param sources citation per figure key
 * @param references full citation per reference key cited in {@code sources}
 * @param notes caveats about the figures, in plain sentences
 */
public record Accelerator(
        String id,
        String vendor,
        String displayName,
        List<String> aliases,
        long memoryBytes,
        double memoryBandwidthBytesPerSecond,
        Map<DataType, Double> peakFlopsPerSecond,
        Map<DataType, Double> vectorFlopsPerSecond,
        OptionalLong onChipCacheBytes,
        Optional<ComputeUnits> computeUnits,
        OptionalDouble clockHertz,
        OptionalDouble tdpWatts,
        Optional<Interconnect> scaleUp,
        OptionalInt scaleUpDomainDevices,
        OptionalInt devicesPerNode,
        Optional<Interconnect> scaleOut,
        Optional<Interconnect> hostLink,
        Optional<String> memoryType,
        OptionalInt launchYear,
        Map<String, String> sources,
        Map<String, String> references,
        List<String> notes) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.\\-]*");

    /** Key prefix of the entries of {@link #peakFlopsPerSecond()} in {@link #sources()}. */
    public static final String PEAK_KEY = "peakFlopsPerSecond";
    /** Key prefix of the entries of {@link #vectorFlopsPerSecond()} in {@link #sources()}. */
    public static final String VECTOR_KEY = "vectorFlopsPerSecond";

    /**
     * Validates the components and makes defensive, immutable copies of the collections.
     *
     * @throws IllegalArgumentException naming the field if a value is missing, out of range or
     *         inconsistent (for example a source for a figure that is absent)
     */
    public Accelerator {
        checkId("id", id);
        Checks.notBlank("vendor", vendor);
        Checks.notBlank("displayName", displayName);
        Checks.notNull("aliases", aliases);
        Set<String> seen = new LinkedHashSet<>();
        for (String alias : aliases) {
            checkId("aliases", alias);
            if (alias.equals(id) || !seen.add(alias)) {
                throw new IllegalArgumentException("aliases must not repeat the id or each other, was '" + alias + "'");
            }
        }
        aliases = List.copyOf(aliases);
        Checks.positive("memoryBytes", memoryBytes);
        Checks.atLeast("memoryBandwidthBytesPerSecond", memoryBandwidthBytesPerSecond, 1);
        peakFlopsPerSecond = rates(PEAK_KEY, peakFlopsPerSecond);
        vectorFlopsPerSecond = rates(VECTOR_KEY, vectorFlopsPerSecond);
        if (peakFlopsPerSecond.isEmpty() && vectorFlopsPerSecond.isEmpty()) {
            throw new IllegalArgumentException(
                    "peakFlopsPerSecond and vectorFlopsPerSecond must not both be empty: an accelerator needs at least one rate");
        }
        Checks.notNull("onChipCacheBytes", onChipCacheBytes);
        if (onChipCacheBytes.isPresent()) {
            Checks.positive("onChipCacheBytes", onChipCacheBytes.getAsLong());
        }
        Checks.notNull("computeUnits", computeUnits);
        positiveIfPresent("clockHertz", clockHertz);
        positiveIfPresent("tdpWatts", tdpWatts);
        Checks.notNull("scaleUp", scaleUp);
        positiveIfPresent("scaleUpDomainDevices", scaleUpDomainDevices);
        positiveIfPresent("devicesPerNode", devicesPerNode);
        Checks.notNull("scaleOut", scaleOut);
        Checks.notNull("hostLink", hostLink);
        Checks.notNull("memoryType", memoryType);
        memoryType.ifPresent(t -> Checks.notBlank("memoryType", t));
        Checks.notNull("launchYear", launchYear);
        if (launchYear.isPresent()) {
            Checks.inRange("launchYear", launchYear.getAsInt(), 1990, 2100);
        }
        sources = copyOrdered("sources", sources);
        references = copyOrdered("references", references);
        Checks.notNull("notes", notes);
        notes.forEach(n -> Checks.notBlank("notes", n));
        notes = List.copyOf(notes);
        Set<String> figures = figureKeys(memoryType, peakFlopsPerSecond, vectorFlopsPerSecond, onChipCacheBytes,
                computeUnits, clockHertz, tdpWatts, scaleUp, scaleUpDomainDevices, devicesPerNode, scaleOut, hostLink,
                launchYear);
        for (String key : sources.keySet()) {
            if (!figures.contains(key)) {
                throw new IllegalArgumentException("sources has an entry for '" + key
                        + "', which is not a figure of this accelerator; figures: " + String.join(", ", figures));
            }
        }
    }

    /**
     * Starts building an accelerator.
     *
     * @param id unique lower-case id
     * @param vendor the vendor
     * @param displayName the product name
     * @return a builder
     */
    public static Builder builder(String id, String vendor, String displayName) {
        return new Builder(id, vendor, displayName);
    }

    /**
     * Returns a builder holding every component of this accelerator, to derive a variant.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Returns the dense peak rate for math requested in a data type, following
     * {@link #computePath(DataType)}.
     *
     * @param type the data type of the math
     * @return FLOP per second (OPS for integer types), &ge; 1
     * @throws UnsupportedDataTypeException if no path of {@link #computePath(DataType)} has a known rate
     */
    public double peakFlopsPerSecond(DataType type) {
        return computePath(type).flopsPerSecond();
    }

    /**
     * Tells whether the matrix units run a data type natively.
     *
     * @param type the data type
     * @return true if {@link #peakFlopsPerSecond()} has an entry for it
     */
    public boolean supportsNatively(DataType type) {
        return peakFlopsPerSecond.containsKey(type);
    }

    /**
     * Says how math requested in a data type runs, and at what peak.
     *
     * <p>The rule: the fastest of the paths that compute the type exactly, which are the matrix
     * units in the type itself or in one of its {@linkplain DataType#exactUpcasts() exact
     * upcasts}, and the vector units in the type itself or in an exact upcast no wider than
     * FP32. Vector-unit upcasts stop at FP32 because many parts cut FP64 vector throughput far
     * below their FP32 rate (about 1 TFLOP/s on an H800, 1.3 on a GB300), and no library runs
     * narrower math on FP64 vector units; FP64 itself still uses its own vector rate, and matrix
     * upcasts to FP64 (FP64 tensor cores) stay allowed. Ties go to the path with the least
     * conversion: the type itself on the matrix units, then on the vector units, then the
     * upcasts on the matrix units in the order of the upcast list, then on the vector units.
     * So FP8 on an A100 runs as BF16 at 312 TFLOP/s, FP32 on an H100 runs on the vector units at
     * 66.9 TFLOP/s (its FP64 tensor cores tie and lose), BF16 on a V100, which has only FP16
     * tensor cores, runs on the FP32 vector units at 15.7 TFLOP/s, and FP32 on an H800, whose
     * only catalog rate at or above FP32 is its FP64 vector rate, is unsupported.
     *
     * @param type the data type of the math
     * @return the path, with its peak rate
     * @throws UnsupportedDataTypeException if neither the matrix units (in the type or an exact
     *         upcast) nor the vector units (in the type or an exact upcast up to FP32) have a
     *         known rate
     */
    public ComputePath computePath(DataType type) {
        Checks.notNull("type", type);
        ComputePath best = better(null, type, type, true, peakFlopsPerSecond.get(type));
        best = better(best, type, type, false, vectorFlopsPerSecond.get(type));
        for (DataType wider : type.exactUpcasts()) {
            best = better(best, type, wider, true, peakFlopsPerSecond.get(wider));
        }
        for (DataType wider : type.exactUpcasts()) {
            if (wider != DataType.FP64) { // vector upcasts stop at FP32
                best = better(best, type, wider, false, vectorFlopsPerSecond.get(wider));
            }
        }
        if (best == null) {
            throw new UnsupportedDataTypeException(this, type);
        }
        return best;
    }

    private static ComputePath better(ComputePath best, DataType requested, DataType executedAs, boolean matrix,
            Double rate) {
        if (rate == null || (best != null && rate <= best.flopsPerSecond())) {
            return best;
        }
        return new ComputePath(requested, executedAs, matrix, rate);
    }

    /**
     * Tells whether a name is this accelerator's id or one of its aliases, ignoring case,
     * spaces and underscores.
     *
     * @param name the name
     * @return true if it names this accelerator
     */
    public boolean isNamed(String name) {
        String n = Suggestions.normalize(name);
        return id.equals(n) || aliases.contains(n);
    }

    /**
     * Returns the keys of the figures this accelerator has, the keys {@link #sources()} may use:
     * {@code memoryBytes}, {@code memoryBandwidthBytesPerSecond}, {@code peakFlopsPerSecond.BF16}
     * and so on, in a fixed order.
     *
     * @return the figure keys
     */
    public Set<String> figureKeys() {
        return figureKeys(memoryType, peakFlopsPerSecond, vectorFlopsPerSecond, onChipCacheBytes, computeUnits,
                clockHertz, tdpWatts, scaleUp, scaleUpDomainDevices, devicesPerNode, scaleOut, hostLink, launchYear);
    }

    private static Set<String> figureKeys(Optional<String> memoryType, Map<DataType, Double> peaks,
            Map<DataType, Double> vector, OptionalLong cache, Optional<ComputeUnits> units, OptionalDouble clock,
            OptionalDouble tdp, Optional<Interconnect> scaleUp, OptionalInt domain, OptionalInt perNode,
            Optional<Interconnect> scaleOut, Optional<Interconnect> hostLink, OptionalInt year) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add("memoryBytes");
        if (memoryType.isPresent()) {
            keys.add("memoryType");
        }
        keys.add("memoryBandwidthBytesPerSecond");
        peaks.keySet().forEach(t -> keys.add(PEAK_KEY + "." + t.name()));
        vector.keySet().forEach(t -> keys.add(VECTOR_KEY + "." + t.name()));
        addIf(keys, cache.isPresent(), "onChipCacheBytes");
        addIf(keys, units.isPresent(), "computeUnits");
        addIf(keys, clock.isPresent(), "clockHertz");
        addIf(keys, tdp.isPresent(), "tdpWatts");
        addIf(keys, scaleUp.isPresent(), "scaleUp");
        addIf(keys, domain.isPresent(), "scaleUpDomainDevices");
        addIf(keys, perNode.isPresent(), "devicesPerNode");
        addIf(keys, scaleOut.isPresent(), "scaleOut");
        addIf(keys, hostLink.isPresent(), "hostLink");
        addIf(keys, year.isPresent(), "launchYear");
        return Collections.unmodifiableSet(keys);
    }

    private static void addIf(Set<String> keys, boolean present, String key) {
        if (present) {
            keys.add(key);
        }
    }

    /**
     * Returns a one-line summary, such as
     * {@code "NVIDIA H100 SXM5 80GB (h100-sxm): 80 GB at 3.35 TB/s, 989.4 TFLOP/s BF16"}.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(displayName).append(" (").append(id).append("): ")
                .append(UnitFormat.bytes(memoryBytes)).append(" at ")
                .append(UnitFormat.bytesPerSecond(memoryBandwidthBytesPerSecond));
        DataType headline = peakFlopsPerSecond.containsKey(DataType.BF16) ? DataType.BF16
                : peakFlopsPerSecond.keySet().stream().findFirst().orElse(null);
        if (headline != null) {
            s.append(", ").append(UnitFormat.flopsPerSecond(peakFlopsPerSecond.get(headline)))
                    .append(' ').append(headline.displayName());
        }
        return s.toString();
    }

    private static void checkId(String field, String value) {
        Checks.notBlank(field, value);
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be lower-case letters, digits, '.' and '-', was '" + value + "'");
        }
    }

    private static Map<DataType, Double> rates(String field, Map<DataType, Double> rates) {
        Checks.notNull(field, rates);
        EnumMap<DataType, Double> copy = new EnumMap<>(DataType.class);
        for (Map.Entry<DataType, Double> e : rates.entrySet()) {
            Checks.notNull(field + " key", e.getKey());
            Checks.notNull(field + "." + e.getKey().name(), e.getValue());
            Checks.atLeast(field + "." + e.getKey().name(), e.getValue(), 1);
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, String> copyOrdered(String field, Map<String, String> map) {
        Checks.notNull(field, map);
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            Checks.notBlank(field + " key", e.getKey());
            Checks.notBlank(field + "." + e.getKey(), e.getValue());
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    private static void positiveIfPresent(String field, OptionalDouble value) {
        Checks.notNull(field, value);
        if (value.isPresent()) {
            Checks.positive(field, value.getAsDouble());
        }
    }

    private static void positiveIfPresent(String field, OptionalInt value) {
        Checks.notNull(field, value);
        if (value.isPresent()) {
            Checks.positive(field, value.getAsInt());
        }
    }

    /**
     * Builds an {@link Accelerator}; {@link #build()} validates. Not thread-safe.
     */
    public static final class Builder {
        private String id;
        private String vendor;
        private String displayName;
        private List<String> aliases = new ArrayList<>();
        private long memoryBytes;
        private double memoryBandwidthBytesPerSecond;
        private final Map<DataType, Double> peakFlopsPerSecond = new EnumMap<>(DataType.class);
        private final Map<DataType, Double> vectorFlopsPerSecond = new EnumMap<>(DataType.class);
        private OptionalLong onChipCacheBytes = OptionalLong.empty();
        private Optional<ComputeUnits> computeUnits = Optional.empty();
        private OptionalDouble clockHertz = OptionalDouble.empty();
        private OptionalDouble tdpWatts = OptionalDouble.empty();
        private Optional<Interconnect> scaleUp = Optional.empty();
        private OptionalInt scaleUpDomainDevices = OptionalInt.empty();
        private OptionalInt devicesPerNode = OptionalInt.empty();
        private Optional<Interconnect> scaleOut = Optional.empty();
        private Optional<Interconnect> hostLink = Optional.empty();
        private Optional<String> memoryType = Optional.empty();
        private OptionalInt launchYear = OptionalInt.empty();
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final Map<String, String> references = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String id, String vendor, String displayName) {
            this.id = id;
            this.vendor = vendor;
            this.displayName = displayName;
        }

        private Builder(Accelerator a) {
            this(a.id, a.vendor, a.displayName);
            aliases = new ArrayList<>(a.aliases);
            memoryBytes = a.memoryBytes;
            memoryBandwidthBytesPerSecond = a.memoryBandwidthBytesPerSecond;
            peakFlopsPerSecond.putAll(a.peakFlopsPerSecond);
            vectorFlopsPerSecond.putAll(a.vectorFlopsPerSecond);
            onChipCacheBytes = a.onChipCacheBytes;
            computeUnits = a.computeUnits;
            clockHertz = a.clockHertz;
            tdpWatts = a.tdpWatts;
            scaleUp = a.scaleUp;
            scaleUpDomainDevices = a.scaleUpDomainDevices;
            devicesPerNode = a.devicesPerNode;
            scaleOut = a.scaleOut;
            hostLink = a.hostLink;
            memoryType = a.memoryType;
            launchYear = a.launchYear;
            sources.putAll(a.sources);
            references.putAll(a.references);
            notes.addAll(a.notes);
        }

        /**
         * Sets the id.
         *
         * @param value unique lower-case id
         * @return this builder
         */
        public Builder id(String value) {
            id = value;
            return this;
        }

        /**
         * Sets the display name.
         *
         * @param value the product name
         * @return this builder
         */
        public Builder displayName(String value) {
            displayName = value;
            return this;
        }

        /**
         * Sets the aliases.
         *
         * @param values the aliases, lower-case
         * @return this builder
         */
        public Builder aliases(List<String> values) {
            aliases = new ArrayList<>(values);
            return this;
        }

        /**
         * Sets the memory capacity.
         *
         * @param bytes capacity in bytes, &gt; 0
         * @return this builder
         */
        public Builder memoryBytes(long bytes) {
            memoryBytes = bytes;
            return this;
        }

        /**
         * Sets the memory bandwidth.
         *
         * @param bytesPerSecond peak bandwidth, bytes per second, &ge; 1
         * @return this builder
         */
        public Builder memoryBandwidthBytesPerSecond(double bytesPerSecond) {
            memoryBandwidthBytesPerSecond = bytesPerSecond;
            return this;
        }

        /**
         * Sets the dense matrix peak of a data type.
         *
         * @param type the data type
         * @param flopsPerSecond the peak, FLOP per second, &ge; 1
         * @return this builder
         */
        public Builder peakFlopsPerSecond(DataType type, double flopsPerSecond) {
            peakFlopsPerSecond.put(type, flopsPerSecond);
            return this;
        }

        /**
         * Removes the matrix peak of a data type, making it unsupported natively.
         *
         * @param type the data type
         * @return this builder
         */
        public Builder withoutPeak(DataType type) {
            peakFlopsPerSecond.remove(type);
            sources.remove(PEAK_KEY + "." + type.name());
            return this;
        }

        /**
         * Sets the vector peak of a data type.
         *
         * @param type the data type
         * @param flopsPerSecond the peak, FLOP per second, &ge; 1
         * @return this builder
         */
        public Builder vectorFlopsPerSecond(DataType type, double flopsPerSecond) {
            vectorFlopsPerSecond.put(type, flopsPerSecond);
            return this;
        }

        /**
         * Sets the on-chip cache size.
         *
         * @param bytes bytes, &gt; 0
         * @return this builder
         */
        public Builder onChipCacheBytes(long bytes) {
            onChipCacheBytes = OptionalLong.of(bytes);
            return this;
        }

        /**
         * Sets the compute units.
         *
         * @param count how many, &gt; 0
         * @param kind what one is called, such as {@code "SM"}
         * @return this builder
         */
        public Builder computeUnits(int count, String kind) {
            computeUnits = Optional.of(new ComputeUnits(count, kind));
            return this;
        }

        /**
         * Sets the clock of the matrix peaks.
         *
         * @param hertz hertz, &gt; 0
         * @return this builder
         */
        public Builder clockHertz(double hertz) {
            clockHertz = OptionalDouble.of(hertz);
            return this;
        }

        /**
         * Sets the thermal design power.
         *
         * @param watts watts, &gt; 0
         * @return this builder
         */
        public Builder tdpWatts(double watts) {
            tdpWatts = OptionalDouble.of(watts);
            return this;
        }

        /**
         * Sets the scale-up link.
         *
         * @param link the link, per direction
         * @return this builder
         */
        public Builder scaleUp(Interconnect link) {
            scaleUp = Optional.of(link);
            return this;
        }

        /**
         * Sets the size of the reference scale-up domain.
         *
         * @param devices devices, &gt; 0
         * @return this builder
         */
        public Builder scaleUpDomainDevices(int devices) {
            scaleUpDomainDevices = OptionalInt.of(devices);
            return this;
        }

        /**
         * Sets the devices per node of the reference platform.
         *
         * @param devices devices, &gt; 0
         * @return this builder
         */
        public Builder devicesPerNode(int devices) {
            devicesPerNode = OptionalInt.of(devices);
            return this;
        }

        /**
         * Sets the scale-out network per device.
         *
         * @param link the network, per direction
         * @return this builder
         */
        public Builder scaleOut(Interconnect link) {
            scaleOut = Optional.of(link);
            return this;
        }

        /**
         * Sets the host link.
         *
         * @param link the link, per direction
         * @return this builder
         */
        public Builder hostLink(Interconnect link) {
            hostLink = Optional.of(link);
            return this;
        }

        /**
         * Sets the memory technology.
         *
         * @param type such as {@code "HBM3"}
         * @return this builder
         */
        public Builder memoryType(String type) {
            memoryType = Optional.of(type);
            return this;
        }

        /**
         * Sets the launch year.
         *
         * @param year the year
         * @return this builder
         */
        public Builder launchYear(int year) {
            launchYear = OptionalInt.of(year);
            return this;
        }

        /**
         * Sets the source of a figure.
         *
         * @param figureKey the figure key, such as {@code memoryBytes} or {@code peakFlopsPerSecond.BF16}
         * @param citation the citation
         * @return this builder
         */
        public Builder source(String figureKey, String citation) {
            sources.put(figureKey, citation);
            return this;
        }

        /**
         * Adds a reference that citations may name.
         *
         * @param key the reference key, such as {@code WP104}
         * @param citation the full citation, with its address
         * @return this builder
         */
        public Builder reference(String key, String citation) {
            references.put(key, citation);
            return this;
        }

        /**
         * Adds a caveat.
         *
         * @param note a plain sentence
         * @return this builder
         */
        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        /**
         * Validates and builds the accelerator.
         *
         * @return the accelerator
         * @throws IllegalArgumentException naming the field if a value is missing or invalid
         */
        public Accelerator build() {
            return new Accelerator(id, vendor, displayName, aliases, memoryBytes, memoryBandwidthBytesPerSecond,
                    peakFlopsPerSecond, vectorFlopsPerSecond, onChipCacheBytes, computeUnits, clockHertz, tdpWatts,
                    scaleUp, scaleUpDomainDevices, devicesPerNode, scaleOut, hostLink, memoryType, launchYear,
                    sources, references, notes);
        }
    }
}
