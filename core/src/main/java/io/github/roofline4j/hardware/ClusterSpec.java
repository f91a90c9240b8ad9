package io.github.roofline4j.hardware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.github.roofline4j.support.Checks;
import io.github.roofline4j.units.UnitFormat;

/**
 * A cluster of identical accelerators on a two-level topology: scale-up domains (NVLink with
 * NVSwitch, Infinity Fabric, TPU ICI, NeuronLink) joined by a scale-out network (InfiniBand,
 * RoCE, EFA, data-center network).
 *
 * <p>Devices sit in nodes (servers, hosts, trays) of {@link #devicesPerNode()}; a scale-up
 * domain holds {@link #scaleUpDomainDevices()} devices, which may be fewer than a node (PCIe
 * cards paired by a bridge), one node (an 8-GPU HGX board) or many nodes (18 four-GPU trays in a
 * GB200 NVL72 rack; a TPU slice of many 4-chip hosts). Inside a domain every device talks at
 * {@link #scaleUp()} per direction; between domains, at {@link #scaleOut()} per device per
 * direction. The collective model of the parallel layer prices communication on this topology.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id lower-case id, such as {@code dgx-h100}
 * @param displayName a readable name
 * @param accelerator the device, the same in every node
 * @param devicesPerNode devices per node, &gt; 0
 * @param nodeCount nodes, &gt; 0
 * @param scaleUpDomainDevices devices per scale-up domain, dividing the device count, a multiple or divisor of the node size
 * @param scaleUp the link inside a domain, per device and direction
 * @param scaleOut the network between domains, per device and direction; required when there is more than one domain
 * @param sources citation per figure key ({@code devicesPerNode}, {@code scaleUp}, ...)
 * @param notes caveats, in plain sentences
 */
public record ClusterSpec(
        String id,
        String displayName,
        Accelerator accelerator,
        int devicesPerNode,
        int nodeCount,
        int scaleUpDomainDevices,
        Interconnect scaleUp,
        Optional<Interconnect> scaleOut,
        Map<String, String> sources,
        List<String> notes) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.\\-]*");
    private static final List<String> FIGURES =
            List.of("devicesPerNode", "nodeCount", "scaleUpDomainDevices", "scaleUp", "scaleOut");

    /**
     * Validates the topology.
     *
     * @throws IllegalArgumentException naming the rule if the counts do not tile (domains that do
     *         not divide the devices, a domain that is neither a multiple nor a divisor of the node)
     *         or a multi-domain cluster has no scale-out network
     */
    public ClusterSpec {
        Checks.notBlank("id", id);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be lower-case letters, digits, '.' and '-', was '" + id + "'");
        }
        Checks.notBlank("displayName", displayName);
        Checks.notNull("accelerator", accelerator);
        Checks.positive("devicesPerNode", devicesPerNode);
        Checks.positive("nodeCount", nodeCount);
        Checks.positive("scaleUpDomainDevices", scaleUpDomainDevices);
        long devices = (long) devicesPerNode * nodeCount;
        if (devices > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("devicesPerNode x nodeCount must be <= " + Integer.MAX_VALUE + ", was " + devices);
        }
        if (scaleUpDomainDevices > devices || devices % scaleUpDomainDevices != 0) {
            throw new IllegalArgumentException("scaleUpDomainDevices must divide the " + devices
                    + " devices of the cluster, was " + scaleUpDomainDevices);
        }
        if (scaleUpDomainDevices % devicesPerNode != 0 && devicesPerNode % scaleUpDomainDevices != 0) {
            throw new IllegalArgumentException("scaleUpDomainDevices must be a multiple or a divisor of devicesPerNode ("
                    + devicesPerNode + "), was " + scaleUpDomainDevices);
        }
        Checks.notNull("scaleUp", scaleUp);
        Checks.notNull("scaleOut", scaleOut);
        if (devices > scaleUpDomainDevices && scaleOut.isEmpty()) {
            throw new IllegalArgumentException("scaleOut is required: the cluster's " + devices
                    + " devices span more than one scale-up domain of " + scaleUpDomainDevices);
        }
        Checks.notNull("sources", sources);
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(sources).entrySet()) {
            if (!FIGURES.contains(e.getKey())) {
                throw new IllegalArgumentException("sources has an entry for '" + e.getKey()
                        + "', which is not a figure of a cluster; figures: " + String.join(", ", FIGURES));
            }
            Checks.notBlank("sources." + e.getKey(), e.getValue());
            copy.put(e.getKey(), e.getValue());
        }
        sources = Collections.unmodifiableMap(copy);
        Checks.notNull("notes", notes);
        notes.forEach(n -> Checks.notBlank("notes", n));
        notes = List.copyOf(notes);
    }

    /**
     * Builds a cluster of {@code deviceCount} accelerators on the accelerator's reference
     * platform: its scale-up domain and node size (capped at the device count), its scale-up
     * link, and its scale-out network.
     *
     * <p>An accelerator without a scale-up link (a PCIe card such as the L40S) has its devices of
     * one node talk over PCIe: the host link is the scale-up link, and when the node size is
     * known the domain is the node, min(deviceCount, devicesPerNode) devices (8 L40S cards of an
     * OVX server are one 8-device domain at PCIe Gen4 speed). Without a node size the domain is
     * the accelerator's own {@code scaleUpDomainDevices} (1 for such cards).
     *
     * @param accelerator the device
     * @param deviceCount the number of devices, &gt; 0
     * @return the cluster, with id {@code <accelerator>-x<deviceCount>}
     * @throws IllegalArgumentException if the devices do not fill whole scale-up domains, or the
     *         accelerator lacks the link or network figures the cluster needs
     */
    public static ClusterSpec of(Accelerator accelerator, int deviceCount) {
        Checks.notNull("accelerator", accelerator);
        Checks.positive("deviceCount", deviceCount);
        boolean overPcie = accelerator.scaleUp().isEmpty();
        int domain = overPcie && accelerator.devicesPerNode().isPresent()
                ? Math.min(deviceCount, accelerator.devicesPerNode().getAsInt())
                : Math.min(accelerator.scaleUpDomainDevices().orElse(1), deviceCount);
        int perNode = Math.min(accelerator.devicesPerNode().orElse(domain), deviceCount);
        if (deviceCount % domain != 0) {
            throw new IllegalArgumentException("deviceCount must be a multiple of the " + domain
                    + "-device scale-up domain of " + accelerator.id() + " (or at most " + domain + "), was " + deviceCount);
        }
        if (deviceCount % perNode != 0) {
            throw new IllegalArgumentException("deviceCount must be a multiple of the " + perNode
                    + " devices per node of " + accelerator.id() + ", was " + deviceCount);
        }
        if (domain % perNode != 0 && perNode % domain != 0) {
            perNode = domain;
        }
        Interconnect up = accelerator.scaleUp().or(accelerator::hostLink).orElseThrow(() -> new IllegalArgumentException(
                accelerator.id() + " has neither a scaleUp nor a hostLink figure; build the ClusterSpec by hand"));
        Optional<Interconnect> out = deviceCount > domain ? accelerator.scaleOut() : Optional.empty();
        if (deviceCount > domain && out.isEmpty()) {
            throw new IllegalArgumentException(accelerator.id() + " has no scaleOut figure, needed for " + deviceCount
                    + " devices beyond one " + domain + "-device scale-up domain; build the ClusterSpec by hand");
        }
        List<String> notes = new ArrayList<>();
        notes.add("Derived from the accelerator's reference platform figures.");
        if (overPcie && domain > 1) {
            notes.add("No scale-up link: the " + domain + " devices of a node talk over the host link ("
                    + up.name() + ").");
        }
        return new ClusterSpec(accelerator.id() + "-x" + deviceCount, deviceCount + " x " + accelerator.displayName(),
                accelerator, perNode, deviceCount / perNode, domain, up, out, Map.of(), notes);
    }

    /**
     * Returns the number of devices.
     *
     * @return devicesPerNode &times; nodeCount
     */
    public int deviceCount() {
        return devicesPerNode * nodeCount;
    }

    /**
     * Returns the number of scale-up domains.
     *
     * @return deviceCount / scaleUpDomainDevices
     */
    public int scaleUpDomainCount() {
        return deviceCount() / scaleUpDomainDevices;
    }

    /**
     * Returns a copy with another number of nodes, keeping the node and domain shape where it
     * still tiles; the domain shrinks to the device count when the cluster gets smaller than one domain.
     *
     * @param nodes the number of nodes, &gt; 0
     * @return the copy
     * @throws IllegalArgumentException if the new device count does not tile the domains or
     *         exceeds {@link Integer#MAX_VALUE}
     */
    public ClusterSpec withNodeCount(int nodes) {
        Checks.positive("nodeCount", nodes);
        long product = (long) devicesPerNode * nodes;
        if (product > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("nodeCount must be <= " + Integer.MAX_VALUE / devicesPerNode
                    + " (at most " + Integer.MAX_VALUE + " devices of " + devicesPerNode + " per node), was " + nodes);
        }
        int devices = (int) product;
        int domain = Math.min(scaleUpDomainDevices, devices);
        return new ClusterSpec(id, displayName, accelerator, devicesPerNode, nodes, domain, scaleUp,
                devices > domain ? scaleOut : Optional.empty(), sources, notes);
    }

    /**
     * Returns the combined scale-out bandwidth of the cluster in one direction.
     *
     * @return bytes per second, 0 for a single-domain cluster
     */
    public double clusterScaleOutBytesPerSecond() {
        return scaleOut.map(n -> n.perDirectionBytesPerSecond() * deviceCount()).orElse(0.0);
    }

    @Override
    public String toString() {
        return displayName + " (" + id + "): " + deviceCount() + " x " + accelerator.id() + " in " + nodeCount
                + (nodeCount == 1 ? " node" : " nodes") + " of " + devicesPerNode + ", scale-up domains of "
                + scaleUpDomainDevices + " at " + UnitFormat.bytesPerSecond(scaleUp.perDirectionBytesPerSecond())
                + scaleOut.map(n -> ", scale-out " + UnitFormat.bitsPerSecond(n.perDirectionBytesPerSecond())
                        + " per device").orElse("");
    }
}
