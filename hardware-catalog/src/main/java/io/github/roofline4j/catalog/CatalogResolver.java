package io.github.roofline4j.catalog;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.json.HardwareResolver;

/**
 * The built-in catalog as the JSON API's {@link HardwareResolver}, registered as a
 * {@link java.util.ServiceLoader} service so that core's {@code Roofline4j.evaluate} resolves
 * catalog ids whenever this module is on the class path.
 *
 * <p>Thread-safe.
 */
public final class CatalogResolver implements HardwareResolver {

    private final HardwareCatalog catalog;

    /** The built-in catalog; the constructor the service loader calls. */
    public CatalogResolver() {
        this(HardwareCatalog.builtIn());
    }

    /**
     * A catalog of one's own.
     *
     * @param catalog the catalog
     */
    public CatalogResolver(HardwareCatalog catalog) {
        if (catalog == null) {
            throw new IllegalArgumentException("catalog must not be null");
        }
        this.catalog = catalog;
    }

    @Override
    public Accelerator accelerator(String id) {
        return catalog.get(id);
    }

    @Override
    public ClusterSpec cluster(String id) {
        return catalog.cluster(id);
    }
}
