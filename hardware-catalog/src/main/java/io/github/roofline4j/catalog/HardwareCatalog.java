package io.github.roofline4j.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.HardwareJson;
import io.github.roofline4j.support.Checks;
import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.JsonFields;
import io.github.roofline4j.support.Suggestions;
import io.github.roofline4j.support.UnknownNameException;
import tools.jackson.databind.JsonNode;

/**
 * The catalog of accelerators and cluster presets, each figure with its source.
 *
 * <p>{@link #builtIn()} loads the JSON resources shipped in this artifact (one file per vendor
 * under {@code io/github/roofline4j/catalog/accelerators/}, the presets in {@code clusters.json},
 * listed by {@code index.json}). Lookups are by id or alias, ignoring case, spaces and
 * underscores: {@code get("H100")}, {@code get("h100-sxm5-80gb")} and {@code get("h100-sxm")}
 * are the same accelerator. An unknown name fails with the closest ids.
 *
 * <p>The built-in files are held to the catalog rule: every figure has a source, every source
 * cites a reference defined in its file, every reference is cited, and ids and aliases are
 * unique. Users add their own accelerators from a JSON file or string with
 * {@link #withAccelerators(String, String)}; those need no sources.
 *
 * <pre>{@code
 * HardwareCatalog catalog = HardwareCatalog.builtIn();
 * Accelerator h100 = catalog.get("h100");
 * ClusterSpec dgx = catalog.cluster("dgx-h100");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class HardwareCatalog {

    private static final String ROOT = "/io/github/roofline4j/catalog/";

    private final List<Accelerator> accelerators;
    private final Map<String, Accelerator> byName;
    private final List<ClusterSpec> clusters;
    private final Map<String, ClusterSpec> clustersById;
    private final Map<String, String> references;

    private HardwareCatalog(List<Accelerator> accelerators, List<ClusterSpec> clusters, Map<String, String> references) {
        this.accelerators = List.copyOf(accelerators);
        this.clusters = List.copyOf(clusters);
        this.references = Collections.unmodifiableMap(new LinkedHashMap<>(references));
        Map<String, Accelerator> names = new LinkedHashMap<>();
        for (Accelerator a : accelerators) {
            names.put(a.id(), a);
            a.aliases().forEach(alias -> names.put(alias, a));
        }
        this.byName = Collections.unmodifiableMap(names);
        Map<String, ClusterSpec> ids = new LinkedHashMap<>();
        clusters.forEach(c -> ids.put(c.id(), c));
        this.clustersById = Collections.unmodifiableMap(ids);
    }

    /**
     * Returns the catalog shipped with the library, loaded once.
     *
     * @return the built-in catalog
     * @throws InvalidInputException if a shipped file is invalid (a packaging error)
     */
    public static HardwareCatalog builtIn() {
        return BuiltIn.INSTANCE;
    }

    /**
     * Returns a catalog with no accelerators and no clusters, to fill with
     * {@link #withAccelerators(String, String)}.
     *
     * @return the empty catalog
     */
    public static HardwareCatalog empty() {
        return new HardwareCatalog(List.of(), List.of(), Map.of());
    }

    private static final class BuiltIn {
        static final HardwareCatalog INSTANCE = loadBuiltIn();
    }

    private static HardwareCatalog loadBuiltIn() {
        JsonFields index = JsonFields.of(Json.parse(resource("index.json"), "index.json"), "index.json", "$");
        List<String> acceleratorFiles = index.strings("acceleratorFiles");
        List<String> clusterFiles = index.strings("clusterFiles");
        index.finish();
        Map<String, String> accelerators = new LinkedHashMap<>();
        acceleratorFiles.forEach(f -> accelerators.put(f, resource(f)));
        Map<String, String> clusters = new LinkedHashMap<>();
        clusterFiles.forEach(f -> clusters.put(f, resource(f)));
        return load(accelerators, clusters);
    }

    /**
     * Loads catalog files under the catalog rule (every figure sourced, every reference cited,
     * unique names), as the built-in files are loaded.
     *
     * @param acceleratorFiles file name to content, vendor format
     * @param clusterFiles file name to content
     * @return the catalog
     * @throws InvalidInputException naming the file, the JSON path and the problem
     */
    static HardwareCatalog load(Map<String, String> acceleratorFiles, Map<String, String> clusterFiles) {
        CatalogReader reader = new CatalogReader(true);
        acceleratorFiles.forEach((file, text) -> reader.readAcceleratorFile(Json.parse(text, file), file));
        clusterFiles.forEach((file, text) -> reader.readClusterFile(Json.parse(text, file), file));
        return new HardwareCatalog(reader.accelerators(), reader.clusters(), reader.references());
    }

    private static String resource(String name) {
        try (InputStream in = HardwareCatalog.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("catalog resource " + ROOT + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog resource " + ROOT + name, e);
        }
    }

    /**
     * Returns a catalog with the accelerators of a JSON document added: either one accelerator
     * object, or a file in the catalog's vendor format ({@code {"references": {...},
     * "accelerators": [...]}}). Sources are optional for user accelerators.
     *
     * @param json the document
     * @param source the file name or a description of the input, for messages
     * @return a new catalog
     * @throws InvalidInputException if the document is invalid, or an id or alias is already taken
     */
    public HardwareCatalog withAccelerators(String json, String source) {
        return withAccelerators(Json.parse(json, source), source);
    }

    private HardwareCatalog withAccelerators(JsonNode root, String source) {
        CatalogReader reader = new CatalogReader(false);
        accelerators.forEach(reader::add);
        reader.readAcceleratorFile(root, source);
        Map<String, String> refs = new LinkedHashMap<>(references);
        refs.putAll(reader.references());
        return new HardwareCatalog(reader.accelerators(), clusters, refs);
    }

    /**
     * Returns a catalog with the accelerators of a JSON file added; see {@link #withAccelerators(String, String)}.
     *
     * @param file the file
     * @return a new catalog
     * @throws InvalidInputException if the file cannot be read or is invalid, or an id is already taken
     */
    public HardwareCatalog withAccelerators(Path file) {
        return withAccelerators(Json.read(file), file.toString());
    }

    /**
     * Finds an accelerator by id or alias.
     *
     * @param name an id or alias, in any case, with spaces or underscores for hyphens
     * @return the accelerator
     * @throws IllegalArgumentException if the name is null or blank
     * @throws UnknownNameException if no accelerator has that name, with the closest ids
     */
    public Accelerator get(String name) {
        Checks.notBlank("accelerator id", name);
        return find(name).orElseThrow(() -> new UnknownNameException("accelerator", name,
                Suggestions.closest(name, byName.keySet(), 3).stream().map(n -> byName.get(n).id()).distinct().toList()));
    }

    /**
     * Finds an accelerator by id or alias.
     *
     * @param name an id or alias
     * @return the accelerator, or empty
     */
    public Optional<Accelerator> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byName.get(Suggestions.normalize(name)));
    }

    /**
     * Resolves a command-line value: an existing JSON file holding one accelerator, or an id or alias.
     *
     * @param idOrPath an id, an alias, or a path to an accelerator JSON file
     * @return the accelerator
     * @throws IllegalArgumentException if the value is null or blank, the file is invalid or
     *         holds other than one accelerator, or the name is unknown
     */
    public Accelerator resolve(String idOrPath) {
        Checks.notBlank("accelerator id or path", idOrPath);
        Path path = asJsonPath(idOrPath);
        if (path != null) {
            HardwareCatalog loaded = empty().withAccelerators(path);
            if (loaded.list().size() != 1) {
                throw new InvalidInputException(path.toString(), "$", "expected one accelerator, found "
                        + loaded.list().size() + " (" + String.join(", ", loaded.list().stream().map(Accelerator::id)
                                .limit(5).toList()) + (loaded.list().size() > 5 ? ", ..." : "")
                        + "); give a file with a single accelerator object");
            }
            return loaded.list().get(0);
        }
        return get(idOrPath);
    }

    /**
     * Resolves a command-line value: an existing JSON file holding one cluster (its accelerator
     * an id of this catalog or an inline object), or a cluster preset id.
     *
     * @param idOrPath a preset id or a path to a cluster JSON file
     * @return the cluster
     * @throws IllegalArgumentException if the value is null or blank, the file is invalid or the id unknown
     */
    public ClusterSpec resolveCluster(String idOrPath) {
        Checks.notBlank("cluster id or path", idOrPath);
        Path path = asJsonPath(idOrPath);
        if (path != null) {
            String source = path.toString();
            return HardwareJson.readCluster(JsonFields.of(Json.read(path), source, "$"), this::get);
        }
        return cluster(idOrPath);
    }

    private static Path asJsonPath(String value) {
        if (value == null) {
            return null;
        }
        Path p = Path.of(value);
        if (value.toLowerCase(Locale.ROOT).endsWith(".json") || Files.isRegularFile(p)) {
            return p;
        }
        return null;
    }

    /**
     * Returns every accelerator, in catalog order (by vendor file, then as listed).
     *
     * @return the accelerators
     */
    public List<Accelerator> list() {
        return accelerators;
    }

    /**
     * Returns the accelerators of one vendor.
     *
     * @param vendor the vendor, ignoring case
     * @return the accelerators, possibly empty
     * @throws IllegalArgumentException if the vendor is null
     */
    public List<Accelerator> list(String vendor) {
        Checks.notNull("vendor", vendor);
        return accelerators.stream().filter(a -> a.vendor().equalsIgnoreCase(vendor.trim())).toList();
    }

    /**
     * Returns the vendors, sorted.
     *
     * @return the vendor names
     */
    public List<String> vendors() {
        Set<String> vendors = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        accelerators.forEach(a -> vendors.add(a.vendor()));
        return List.copyOf(vendors);
    }

    /**
     * Returns the cluster presets.
     *
     * @return the clusters
     */
    public List<ClusterSpec> clusters() {
        return clusters;
    }

    /**
     * Finds a cluster preset by id.
     *
     * @param id the id, ignoring case
     * @return the cluster
     * @throws IllegalArgumentException if the id is null or blank
     * @throws UnknownNameException if there is no such preset, with the closest ids
     */
    public ClusterSpec cluster(String id) {
        Checks.notBlank("cluster id", id);
        ClusterSpec c = clustersById.get(Suggestions.normalize(id));
        if (c == null) {
            throw new UnknownNameException("cluster", id, Suggestions.closest(id, clustersById.keySet(), 3));
        }
        return c;
    }

    /**
     * Returns every reference cited by the catalog, key to full citation.
     *
     * @return the references
     */
    public Map<String, String> references() {
        return references;
    }

    /** Reads catalog files, enforcing unique names and, when strict, the sourcing rule. */
    private static final class CatalogReader {
        private final boolean strict;
        private final List<Accelerator> accelerators = new ArrayList<>();
        private final Map<String, String> owners = new LinkedHashMap<>();
        private final List<ClusterSpec> clusters = new ArrayList<>();
        private final Map<String, String> references = new LinkedHashMap<>();

        CatalogReader(boolean strict) {
            this.strict = strict;
        }

        void add(Accelerator a) {
            accelerators.add(a);
            owners.put(a.id(), a.id());
            a.aliases().forEach(alias -> owners.put(alias, a.id()));
        }

        void readAcceleratorFile(JsonNode root, String source) {
            JsonFields f = JsonFields.of(root, source, "$");
            if (!f.has("accelerators")) {
                Accelerator a = HardwareJson.readAccelerator(f, Map.of());
                register(a, f);
                return;
            }
            Map<String, String> fileReferences = readReferences(f);
            List<JsonFields> entries = f.objects("accelerators");
            f.finish();
            Set<String> cited = new TreeSet<>();
            for (JsonFields entry : entries) {
                Accelerator a = HardwareJson.readAccelerator(entry, fileReferences);
                if (strict) {
                    checkSourced(a, entry, fileReferences, cited);
                }
                register(a, entry);
            }
            if (strict) {
                for (String key : fileReferences.keySet()) {
                    if (!cited.contains(key)) {
                        throw new InvalidInputException(source, "$.references." + key, "reference is never cited");
                    }
                }
            }
            references.putAll(fileReferences);
        }

        void readClusterFile(JsonNode root, String source) {
            JsonFields f = JsonFields.of(root, source, "$");
            Map<String, String> fileReferences = readReferences(f);
            List<JsonFields> entries = f.objects("clusters");
            f.finish();
            Set<String> cited = new TreeSet<>();
            Set<String> ids = new TreeSet<>();
            clusters.forEach(c -> ids.add(c.id()));
            for (JsonFields entry : entries) {
                ClusterSpec c = HardwareJson.readCluster(entry, this::lookup);
                if (!ids.add(c.id())) {
                    throw entry.error("id", "duplicate cluster id '" + c.id() + "'");
                }
                if (strict) {
                    for (Map.Entry<String, String> s : c.sources().entrySet()) {
                        checkCitation(entry, s.getKey(), s.getValue(), fileReferences, cited);
                    }
                }
                clusters.add(c);
            }
            if (strict) {
                for (String key : fileReferences.keySet()) {
                    if (!cited.contains(key)) {
                        throw new InvalidInputException(source, "$.references." + key, "reference is never cited");
                    }
                }
            }
            references.putAll(fileReferences);
        }

        private Accelerator lookup(String name) {
            String id = owners.get(Suggestions.normalize(name));
            if (id == null) {
                throw new UnknownNameException("accelerator", name, Suggestions.closest(name, owners.keySet(), 3));
            }
            return accelerators.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
        }

        private static Map<String, String> readReferences(JsonFields f) {
            Map<String, String> refs = new LinkedHashMap<>();
            f.optionalObject("references").ifPresent(r -> {
                for (String key : r.names()) {
                    refs.put(key, r.string(key));
                }
            });
            return refs;
        }

        private void register(Accelerator a, JsonFields at) {
            List<String> names = new ArrayList<>();
            names.add(a.id());
            names.addAll(a.aliases());
            for (String name : names) {
                String owner = owners.get(name);
                if (owner != null) {
                    throw at.error(name.equals(a.id()) ? "id" : "aliases", "duplicate id or alias '" + name
                            + "', already used by accelerator " + owner);
                }
            }
            add(a);
        }

        private static void checkSourced(Accelerator a, JsonFields at, Map<String, String> refs, Set<String> cited) {
            for (String figure : a.figureKeys()) {
                String citation = a.sources().get(figure);
                if (citation == null) {
                    throw at.error("sources", "figure '" + figure + "' of " + a.id() + " has no source");
                }
                checkCitation(at, figure, citation, refs, cited);
            }
        }

        private static void checkCitation(JsonFields at, String figure, String citation, Map<String, String> refs,
                Set<String> cited) {
            boolean any = false;
            for (String key : refs.keySet()) {
                if (HardwareJson.cites(List.of(citation), key)) {
                    cited.add(key);
                    any = true;
                }
            }
            if (!any) {
                throw new InvalidInputException(at.source(), JsonFields.childPath(at.pathOf("sources"), figure),
                        "citation '" + citation + "' names none of the file's references " + refs.keySet());
            }
        }

        List<Accelerator> accelerators() {
            return accelerators;
        }

        List<ClusterSpec> clusters() {
            return clusters;
        }

        Map<String, String> references() {
            return references;
        }
    }
}
