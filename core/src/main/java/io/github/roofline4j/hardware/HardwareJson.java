package io.github.roofline4j.hardware;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.JsonFields;
import io.github.roofline4j.units.Dimension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@link Accelerator} and {@link ClusterSpec} as JSON.
 *
 * <p>The JSON keys are the record component names, whose names carry the units. Reading is
 * strict (see {@link JsonFields}): unknown fields, missing required figures, negative or
 * non-finite numbers and values of the wrong type are errors naming the source and the JSON
 * path. Quantities may be plain numbers in base units or strings with a unit
 * ({@code "80 GB"}, {@code "3.35 TB/s"}, {@code "989.4 TFLOP/s"}, {@code "400 Gb/s"}). In the
 * peak maps, the key {@code FP8} stands for both {@code FP8_E4M3} and {@code FP8_E5M2} (every
 * accelerator with FP8 runs both at one rate); writing always spells both out. Writing then
 * reading any accelerator or cluster gives it back equal.
 *
 * <p>An accelerator document:
 * <pre>{@code
 * {
 *   "id": "my-gpu", "vendor": "ACME", "displayName": "ACME X1",
 *   "memoryBytes": "96 GB", "memoryBandwidthBytesPerSecond": "4 TB/s",
 *   "peakFlopsPerSecond": {"BF16": "800 TFLOP/s", "FP8": "1600 TFLOP/s"},
 *   "scaleUp": {"name": "X-Link", "perDirectionBytesPerSecond": "400 GB/s"},
 *   "sources": {"memoryBytes": "ACME X1 datasheet, p. 2"}
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class HardwareJson {

    private static final String FP8 = "FP8";

    private HardwareJson() {
    }

    /**
     * Reads an accelerator from a JSON string.
     *
     * @param json the document, one accelerator object
     * @param source a description of the input, for messages
     * @return the accelerator
     * @throws InvalidInputException if the document is malformed or a field is invalid
     */
    public static Accelerator parseAccelerator(String json, String source) {
        return readAccelerator(JsonFields.of(Json.parse(json, source), source, "$"), Map.of());
    }

    /**
     * Reads an accelerator from a JSON file.
     *
     * @param file the file, one accelerator object
     * @return the accelerator
     * @throws InvalidInputException if the file cannot be read, is malformed or a field is invalid
     */
    public static Accelerator readAccelerator(Path file) {
        String source = file.toString();
        return readAccelerator(JsonFields.of(Json.read(file), source, "$"), Map.of());
    }

    /**
     * Reads an accelerator object.
     *
     * @param f the object
     * @param sharedReferences references defined once for a whole file; those that the
     *        accelerator's sources cite are attached to it
     * @return the accelerator
     * @throws InvalidInputException if a field is missing or invalid
     */
    public static Accelerator readAccelerator(JsonFields f, Map<String, String> sharedReferences) {
        String id = f.string("id");
        Accelerator.Builder b = Accelerator.builder(id, f.string("vendor"), f.string("displayName"));
        b.aliases(f.strings("aliases"));
        b.memoryBytes(f.wholeNumber("memoryBytes", Dimension.BYTES));
        f.optionalString("memoryType").ifPresent(b::memoryType);
        b.memoryBandwidthBytesPerSecond(f.number("memoryBandwidthBytesPerSecond", Dimension.BYTES_PER_SECOND));
        readRates(f, Accelerator.PEAK_KEY).forEach(b::peakFlopsPerSecond);
        readRates(f, Accelerator.VECTOR_KEY).forEach(b::vectorFlopsPerSecond);
        f.optionalWholeNumber("onChipCacheBytes", Dimension.BYTES).ifPresent(b::onChipCacheBytes);
        f.optionalObject("computeUnits").ifPresent(u -> {
            int count = u.integer("count");
            String kind = u.string("kind");
            u.finish();
            u.build(() -> b.computeUnits(count, kind));
        });
        f.optionalNumber("clockHertz", Dimension.HERTZ).ifPresent(b::clockHertz);
        f.optionalNumber("tdpWatts", Dimension.WATTS).ifPresent(b::tdpWatts);
        f.optionalObject("scaleUp").map(HardwareJson::readInterconnect).ifPresent(b::scaleUp);
        f.optionalInteger("scaleUpDomainDevices").ifPresent(b::scaleUpDomainDevices);
        f.optionalInteger("devicesPerNode").ifPresent(b::devicesPerNode);
        f.optionalObject("scaleOut").map(HardwareJson::readInterconnect).ifPresent(b::scaleOut);
        f.optionalObject("hostLink").map(HardwareJson::readInterconnect).ifPresent(b::hostLink);
        f.optionalInteger("launchYear").ifPresent(b::launchYear);
        Map<String, String> sources = readSources(f);
        sources.forEach(b::source);
        Map<String, String> references = new LinkedHashMap<>();
        f.optionalObject("references").ifPresent(r -> {
            for (String key : r.names()) {
                references.put(key, r.string(key));
            }
        });
        for (Map.Entry<String, String> shared : sharedReferences.entrySet()) {
            if (!references.containsKey(shared.getKey()) && cites(sources.values(), shared.getKey())) {
                references.put(shared.getKey(), shared.getValue());
            }
        }
        references.forEach(b::reference);
        f.strings("notes").forEach(b::note);
        f.finish();
        return f.build(b::build);
    }

    /**
     * Tells whether any of the citations names a reference key as a whole word.
     *
     * @param citations citation texts
     * @param key a reference key such as {@code WP104} or {@code MLE-A}
     * @return true if a citation names the key
     */
    public static boolean cites(Iterable<String> citations, String key) {
        Pattern word = Pattern.compile("(?<![A-Za-z0-9-])" + Pattern.quote(key) + "(?![A-Za-z0-9-])");
        for (String c : citations) {
            if (word.matcher(c).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes an accelerator as a JSON object.
     *
     * @param a the accelerator
     * @return the object, with quantities as plain numbers in base units
     */
    public static ObjectNode toJson(Accelerator a) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", a.id());
        o.put("vendor", a.vendor());
        o.put("displayName", a.displayName());
        ArrayNode aliases = o.putArray("aliases");
        a.aliases().forEach(aliases::add);
        o.put("memoryBytes", a.memoryBytes());
        a.memoryType().ifPresent(t -> o.put("memoryType", t));
        o.put("memoryBandwidthBytesPerSecond", a.memoryBandwidthBytesPerSecond());
        writeRates(o.putObject(Accelerator.PEAK_KEY), a.peakFlopsPerSecond());
        if (!a.vectorFlopsPerSecond().isEmpty()) {
            writeRates(o.putObject(Accelerator.VECTOR_KEY), a.vectorFlopsPerSecond());
        }
        a.onChipCacheBytes().ifPresent(v -> o.put("onChipCacheBytes", v));
        a.computeUnits().ifPresent(u -> o.putObject("computeUnits").put("count", u.count()).put("kind", u.kind()));
        a.clockHertz().ifPresent(v -> o.put("clockHertz", v));
        a.tdpWatts().ifPresent(v -> o.put("tdpWatts", v));
        a.scaleUp().ifPresent(l -> o.set("scaleUp", toJson(l)));
        a.scaleUpDomainDevices().ifPresent(v -> o.put("scaleUpDomainDevices", v));
        a.devicesPerNode().ifPresent(v -> o.put("devicesPerNode", v));
        a.scaleOut().ifPresent(l -> o.set("scaleOut", toJson(l)));
        a.hostLink().ifPresent(l -> o.set("hostLink", toJson(l)));
        a.launchYear().ifPresent(v -> o.put("launchYear", v));
        ObjectNode sources = o.putObject("sources");
        a.sources().forEach(sources::put);
        ObjectNode references = o.putObject("references");
        a.references().forEach(references::put);
        ArrayNode notes = o.putArray("notes");
        a.notes().forEach(notes::add);
        return o;
    }

    /**
     * Writes a link as a JSON object.
     *
     * @param link the link
     * @return the object
     */
    public static ObjectNode toJson(Interconnect link) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("name", link.name());
        o.put("perDirectionBytesPerSecond", link.perDirectionBytesPerSecond());
        link.latencySeconds().ifPresent(v -> o.put("latencySeconds", v));
        return o;
    }

    /**
     * Reads a link object: {@code name}, {@code perDirectionBytesPerSecond}, optional {@code latencySeconds}.
     *
     * @param f the object
     * @return the link
     * @throws InvalidInputException if a field is missing or invalid
     */
    public static Interconnect readInterconnect(JsonFields f) {
        String name = f.string("name");
        double bytesPerSecond = f.number("perDirectionBytesPerSecond", Dimension.BYTES_PER_SECOND);
        OptionalDouble latency = f.optionalNumber("latencySeconds", Dimension.SECONDS);
        f.finish();
        return f.build(() -> new Interconnect(name, bytesPerSecond, latency));
    }

    /**
     * Reads a cluster object. Its {@code accelerator} is either an id, resolved by the given
     * function, or an inline accelerator object. {@code scaleUp} defaults to the accelerator's
     * scale-up link and {@code scaleOut} to its scale-out network when absent.
     *
     * @param f the object
     * @param resolver finds an accelerator by id or alias; throws {@link IllegalArgumentException} when unknown
     * @return the cluster
     * @throws InvalidInputException if a field is missing or invalid, or the accelerator is unknown
     */
    public static ClusterSpec readCluster(JsonFields f, Function<String, Accelerator> resolver) {
        String id = f.string("id");
        String displayName = f.string("displayName");
        JsonNode acceleratorNode = f.raw("accelerator");
        Accelerator accelerator;
        if (acceleratorNode == null) {
            throw f.error("accelerator", "missing required field, expected an accelerator id or object");
        } else if (acceleratorNode.isString()) {
            try {
                accelerator = resolver.apply(acceleratorNode.stringValue());
            } catch (InvalidInputException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw f.error("accelerator", e.getMessage());
            }
        } else {
            accelerator = readAccelerator(JsonFields.of(acceleratorNode, f.source(), f.pathOf("accelerator")), Map.of());
        }
        int perNode = f.integer("devicesPerNode");
        int nodes = f.integer("nodeCount");
        int domain = f.integer("scaleUpDomainDevices");
        Optional<Interconnect> up = f.optionalObject("scaleUp").map(HardwareJson::readInterconnect);
        Optional<Interconnect> out = f.optionalObject("scaleOut").map(HardwareJson::readInterconnect);
        Map<String, String> sources = new LinkedHashMap<>();
        f.optionalObject("sources").ifPresent(s -> {
            for (String key : s.names()) {
                sources.put(key, s.string(key));
            }
        });
        List<String> notes = f.strings("notes");
        f.finish();
        Interconnect scaleUp = up.or(accelerator::scaleUp).orElseThrow(() -> f.error("scaleUp",
                "missing, and accelerator " + accelerator.id() + " has no scale-up link to default to"));
        Optional<Interconnect> scaleOut = out.isPresent() || (long) perNode * nodes <= domain ? out : accelerator.scaleOut();
        return f.build(() -> new ClusterSpec(id, displayName, accelerator, perNode, nodes, domain, scaleUp, scaleOut,
                sources, notes));
    }

    /**
     * Writes a cluster as a JSON object, with its accelerator inline.
     *
     * @param c the cluster
     * @return the object
     */
    public static ObjectNode toJson(ClusterSpec c) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", c.id());
        o.put("displayName", c.displayName());
        o.set("accelerator", toJson(c.accelerator()));
        o.put("devicesPerNode", c.devicesPerNode());
        o.put("nodeCount", c.nodeCount());
        o.put("scaleUpDomainDevices", c.scaleUpDomainDevices());
        o.set("scaleUp", toJson(c.scaleUp()));
        c.scaleOut().ifPresent(l -> o.set("scaleOut", toJson(l)));
        ObjectNode sources = o.putObject("sources");
        c.sources().forEach(sources::put);
        ArrayNode notes = o.putArray("notes");
        c.notes().forEach(notes::add);
        return o;
    }

    private static Map<DataType, Double> readRates(JsonFields parent, String field) {
        Map<DataType, Double> rates = new LinkedHashMap<>();
        Optional<JsonFields> object = parent.optionalObject(field);
        if (object.isEmpty()) {
            return rates;
        }
        JsonFields f = object.get();
        for (String key : f.names()) {
            double value = f.number(key, Dimension.FLOPS_PER_SECOND);
            for (DataType t : typesOf(f, key)) {
                if (rates.put(t, value) != null) {
                    throw f.error(key, "repeats the data type " + t.name());
                }
            }
        }
        return rates;
    }

    private static List<DataType> typesOf(JsonFields f, String key) {
        if (key.equalsIgnoreCase(FP8)) {
            return List.of(DataType.FP8_E4M3, DataType.FP8_E5M2);
        }
        try {
            return List.of(DataType.parse(key));
        } catch (IllegalArgumentException e) {
            throw f.error(key, "not a data type: " + e.getMessage());
        }
    }

    private static Map<String, String> readSources(JsonFields parent) {
        Map<String, String> sources = new LinkedHashMap<>();
        Optional<JsonFields> object = parent.optionalObject("sources");
        if (object.isEmpty()) {
            return sources;
        }
        JsonFields f = object.get();
        for (String key : f.names()) {
            String citation = f.string(key);
            List<String> keys = new ArrayList<>();
            int dot = key.indexOf('.');
            if (dot > 0 && Set.of(Accelerator.PEAK_KEY, Accelerator.VECTOR_KEY).contains(key.substring(0, dot))) {
                for (DataType t : typesOf(f, key.substring(dot + 1))) {
                    keys.add(key.substring(0, dot) + "." + t.name());
                }
            } else {
                keys.add(key);
            }
            for (String k : keys) {
                if (sources.put(k, citation) != null) {
                    throw f.error(key, "repeats the source of " + k);
                }
            }
        }
        return sources;
    }

    private static void writeRates(ObjectNode o, Map<DataType, Double> rates) {
        rates.forEach((t, v) -> o.put(t.name(), v));
    }
}
