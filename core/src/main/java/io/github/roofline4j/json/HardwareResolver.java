package io.github.roofline4j.json;

import java.util.Iterator;
import java.util.ServiceLoader;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;

/**
 * Finds accelerators and cluster presets by catalog id, for the JSON API.
 *
 * <p>Core never depends on the hardware catalog (the catalog depends on core), so the JSON API
 * cannot name the catalog's classes. Instead core defines this interface and the
 * {@code roofline4j-hardware-catalog} module supplies an implementation as a
 * {@link ServiceLoader} service (its jar lists it in
 * {@code META-INF/services/io.github.roofline4j.json.HardwareResolver}). {@link #discover()}
 * finds it when the catalog is on the class path; without it, requests can still describe their
 * hardware inline or by file, and a catalog id fails with a message that says so. A user with a
 * catalog of their own passes their resolver to {@link JsonApi#of(HardwareResolver)}.
 *
 * <p>Implementations must be thread-safe.
 */
public interface HardwareResolver {

    /**
     * Finds an accelerator by catalog id or alias.
     *
     * @param id the id or alias, such as {@code h100-sxm} or {@code mi300x}
     * @return the accelerator
     * @throws IllegalArgumentException if no accelerator has that name, naming the closest ones
     */
    Accelerator accelerator(String id);

    /**
     * Finds a cluster preset by id.
     *
     * @param id the preset id
     * @return the cluster
     * @throws IllegalArgumentException if no preset has that id, naming the known ones
     */
    ClusterSpec cluster(String id);

    /**
     * Returns the resolver a {@link ServiceLoader} finds on the class path (the built-in hardware
     * catalog when {@code roofline4j-hardware-catalog} is there), or {@link #none()}.
     *
     * @return the resolver
     */
    static HardwareResolver discover() {
        Iterator<HardwareResolver> found = ServiceLoader.load(HardwareResolver.class, HardwareResolver.class.getClassLoader())
                .iterator();
        return found.hasNext() ? found.next() : none();
    }

    /**
     * Returns a resolver that knows no ids: every lookup fails, saying that the hardware must be
     * given inline or that the catalog module must be on the class path.
     *
     * @return the resolver
     */
    static HardwareResolver none() {
        return NoCatalog.INSTANCE;
    }

    /** The resolver without a catalog. */
    enum NoCatalog implements HardwareResolver {
        /** The one instance. */
        INSTANCE;

        @Override
        public Accelerator accelerator(String id) {
            throw new IllegalArgumentException("accelerator '" + id + "': no hardware catalog is on the class path "
                    + "(add io.github.roofline4j:roofline4j-hardware-catalog), describe the accelerator inline instead");
        }

        @Override
        public ClusterSpec cluster(String id) {
            throw new IllegalArgumentException("cluster '" + id + "': no hardware catalog is on the class path "
                    + "(add io.github.roofline4j:roofline4j-hardware-catalog), describe the cluster inline instead");
        }
    }
}
