package io.blockhouse.daemon;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ChapConfig;
import io.blockhouse.config.TargetPortLayout;
import io.blockhouse.iscsi.ChapCredentials;
import io.blockhouse.iscsi.IscsiTarget;
import io.blockhouse.iscsi.TargetCatalog;
import io.blockhouse.scsi.LogicalUnit;
import io.blockhouse.scsi.TargetPort;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The targets of one validated configuration, as the iSCSI layer asks for them. Immutable: live reconfiguration
 * builds a new catalog and swaps it in ({@link LiveCatalog}); target ports are kept across catalogs so open nexuses
 * stay attached to them.
 */
final class ConfiguredCatalog implements TargetCatalog {

    private final Map<String, ConfiguredTarget> targets;
    private final ChapCredentials discoveryChap;

    /** Gives the target port of a port name ("iqn...,t,0x0001"): created on first use, kept across catalogs. */
    @FunctionalInterface
    interface PortSource {
        TargetPort portFor(String portName);
    }

    /**
     * @param units the logical unit of every device of {@code config}, by name
     * @param ports the target ports by name
     */
    ConfiguredCatalog(BlockhouseConfig config, List<InetSocketAddress> listen, Map<String, LogicalUnit> units,
                      PortSource ports) {
        this(config, listen, units, ports, null);
    }

    /**
     * @param latest the catalog current when a login opens its nexus (a login that found its target in an older
     *               catalog then gets the LUN map of the newest one); null for a catalog that never changes
     */
    ConfiguredCatalog(BlockhouseConfig config, List<InetSocketAddress> listen, Map<String, LogicalUnit> units,
                      PortSource ports, Supplier<ConfiguredCatalog> latest) {
        Map<String, ConfiguredTarget> byName = new java.util.LinkedHashMap<>();
        for (var t : config.targets()) {
            List<InetSocketAddress> portals = TargetPortLayout.effectivePortals(t, listen);
            List<ConfiguredTarget.Binding> bindings = new ArrayList<>();
            for (TargetPortLayout.Port p : TargetPortLayout.portsOf(t, listen, config.aluaOrDefault())) {
                bindings.add(new ConfiguredTarget.Binding(p,
                        ports.portFor(ConfiguredTarget.portName(t.name(), p.tag()))));
            }
            byName.put(t.name().toLowerCase(Locale.ROOT), new ConfiguredTarget(t, portals, Map.copyOf(units),
                    bindings, latest));
        }
        this.targets = byName;
        this.discoveryChap = credentials(config.discoveryChap());
    }

    static ChapCredentials credentials(ChapConfig c) {
        return c == null ? null : new ChapCredentials(c.user(), c.secret(), c.mutualUser(), c.mutualSecret());
    }

    @Override
    public Optional<IscsiTarget> find(String targetName) {
        return Optional.ofNullable(targets.get(targetName.toLowerCase(Locale.ROOT)));
    }

    Optional<ConfiguredTarget> target(String targetName) {
        return Optional.ofNullable(targets.get(targetName.toLowerCase(Locale.ROOT)));
    }

    Collection<ConfiguredTarget> targets() {
        return targets.values();
    }

    @Override
    public List<IscsiTarget> discoverable(String initiatorName, InetSocketAddress localAddress) {
        List<IscsiTarget> out = new ArrayList<>();
        for (ConfiguredTarget t : targets.values()) {
            if (t.enabled() && t.admits(initiatorName) && t.servedOn(localAddress)) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public Optional<ChapCredentials> discoveryChap(String initiatorName) {
        return Optional.ofNullable(discoveryChap);
    }
}
