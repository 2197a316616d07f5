package io.blockhouse.daemon;

import io.blockhouse.config.GroupConfig;
import io.blockhouse.config.LunConfig;
import io.blockhouse.config.TargetConfig;
import io.blockhouse.config.TargetPortLayout;
import io.blockhouse.iscsi.ChapCredentials;
import io.blockhouse.iscsi.IscsiTarget;
import io.blockhouse.scsi.LogicalUnit;
import io.blockhouse.scsi.LunMap;
import io.blockhouse.scsi.Nexus;
import io.blockhouse.scsi.TargetPort;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One configured target: its portals, CHAP and LUN masking. An initiator listed in one of the target's groups sees
 * that group's LUNs and uses its CHAP secrets (falling back to the target's); any other initiator sees the target's
 * default LUNs, and is not admitted when there are none.
 */
final class ConfiguredTarget implements IscsiTarget {

    /**
     * One SCSI target port of this target: its share of the portals, its portal group tag and port group.
     *
     * @param layout where the port is served and which port group holds it
     * @param port   the target port (kept across catalogs by its name)
     */
    record Binding(TargetPortLayout.Port layout, TargetPort port) {
    }

    private final TargetConfig config;
    private final List<InetSocketAddress> portals;
    private final Map<String, LogicalUnit> units;
    private final List<Binding> bindings;
    private final Supplier<ConfiguredCatalog> latest;

    /**
     * @param bindings the target's ports, the default port (the target's own tag) first when it has one
     */
    ConfiguredTarget(TargetConfig config, List<InetSocketAddress> portals, Map<String, LogicalUnit> units,
                     List<Binding> bindings, Supplier<ConfiguredCatalog> latest) {
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("target " + config.name() + " has no target port");
        }
        this.config = config;
        this.portals = List.copyOf(portals);
        this.units = units;
        this.bindings = List.copyOf(bindings);
        this.latest = latest;
    }

    /** The SCSI port name of a target with its own portal group tag: its iSCSI name and that tag. */
    static String portName(TargetConfig config) {
        return portName(config.name(), config.portalGroupTagOrDefault());
    }

    /** The SCSI port name of the target port with portal group tag {@code tag}. */
    static String portName(String targetName, int tag) {
        return String.format("%s,t,0x%04x", targetName, tag);
    }

    /** The target's first port (its only one unless port groups split its portals). */
    TargetPort port() {
        return bindings.get(0).port();
    }

    List<Binding> bindings() {
        return bindings;
    }

    /**
     * The port serving {@code local}: the one listing that exact address, else one listing a wildcard address on
     * its port number, else the first.
     */
    Binding bindingFor(InetSocketAddress local) {
        for (Binding b : bindings) {
            if (b.layout().portals().contains(local)) {
                return b;
            }
        }
        for (Binding b : bindings) {
            if (b.layout().portals().stream().anyMatch(p -> p.getPort() == local.getPort()
                    && (p.getAddress().isAnyLocalAddress() || p.getAddress().equals(local.getAddress())))) {
                return b;
            }
        }
        return bindings.get(0);
    }

    @Override
    public int portalGroupTag(InetSocketAddress portal) {
        return bindingFor(portal).layout().tag();
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String alias() {
        return config.alias() == null ? "" : config.alias();
    }

    @Override
    public int portalGroupTag() {
        return config.portalGroupTagOrDefault();
    }

    @Override
    public boolean enabled() {
        return config.enabledOrDefault();
    }

    @Override
    public List<InetSocketAddress> portals() {
        return portals;
    }

    boolean servedOn(InetSocketAddress local) {
        return portals.stream().anyMatch(p -> p.getPort() == local.getPort()
                && (p.getAddress().isAnyLocalAddress() || p.getAddress().equals(local.getAddress())));
    }

    private Optional<GroupConfig> groupOf(String initiatorName) {
        return config.groups().stream()
                .filter(g -> g.initiators().stream().anyMatch(i -> i.equalsIgnoreCase(initiatorName)))
                .findFirst();
    }

    @Override
    public boolean admits(String initiatorName) {
        return groupOf(initiatorName).isPresent() || !config.luns().isEmpty();
    }

    @Override
    public Optional<ChapCredentials> chapFor(String initiatorName) {
        Optional<GroupConfig> group = groupOf(initiatorName);
        if (group.isPresent() && group.get().chap() != null) {
            return Optional.of(ConfiguredCatalog.credentials(group.get().chap()));
        }
        return Optional.ofNullable(ConfiguredCatalog.credentials(config.chap()));
    }

    /** What this initiator sees: its group's LUNs, else the target's default LUNs. */
    LunMap lunMapFor(String initiatorName) {
        List<LunConfig> luns = groupOf(initiatorName).map(GroupConfig::luns).orElse(config.luns());
        LunMap.Builder map = LunMap.builder();
        for (LunConfig lun : luns) {
            map.add(lun.lun(), units.get(lun.device()), lun.readOnlyOrDefault());
        }
        return map.build();
    }

    /**
     * Opens the nexus with the LUN map of the newest catalog: the login may have found this target before a live
     * change swapped the catalog. A login to a target that was removed or disabled meanwhile is refused.
     */
    @Override
    public Nexus openNexus(String initiatorName, byte[] isid) {
        return openNexus(initiatorName, isid, null);
    }

    /** Opens the nexus on the port serving {@code local} (null: the first port), with the newest LUN map. */
    @Override
    public Nexus openNexus(String initiatorName, byte[] isid, InetSocketAddress local) {
        ConfiguredTarget now = this;
        ConfiguredCatalog newest = latest == null ? null : latest.get();
        if (newest != null) {
            now = newest.target(name()).orElse(null);
            if (now == null || !now.enabled() || !now.admits(initiatorName)) {
                throw new IllegalStateException("target " + name() + " was reconfigured during the login");
            }
        }
        TargetPort through = local == null ? now.port() : now.bindingFor(local).port();
        return through.openNexus(initiatorName, isid, now.lunMapFor(initiatorName));
    }
}
