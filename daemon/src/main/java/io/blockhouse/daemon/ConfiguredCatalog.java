package io.blockhouse.daemon;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ChapConfig;
import io.blockhouse.config.HostPort;
import io.blockhouse.config.TargetConfig;
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
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The targets of one validated configuration, as the iSCSI layer asks for them. Immutable: live reconfiguration
 * builds a new catalog and swaps it in ({@link LiveCatalog}); target ports are kept across catalogs so open nexuses
 * stay attached to them.
 */
final class ConfiguredCatalog implements TargetCatalog {

    private final Map<String, ConfiguredTarget> targets;
    private final ChapCredentials discoveryChap;

    /**
     * @param units the logical unit of every device of {@code config}, by name
     * @param ports the target port of each target (created on first use, kept across catalogs)
     */
    ConfiguredCatalog(BlockhouseConfig config, List<InetSocketAddress> listen, Map<String, LogicalUnit> units,
                      Function<TargetConfig, TargetPort> ports) {
        this(config, listen, units, ports, null);
    }

    /**
     * @param latest the catalog current when a login opens its nexus (a login that found its target in an older
     *               catalog then gets the LUN map of the newest one); null for a catalog that never changes
     */
    ConfiguredCatalog(BlockhouseConfig config, List<InetSocketAddress> listen, Map<String, LogicalUnit> units,
                      Function<TargetConfig, TargetPort> ports, Supplier<ConfiguredCatalog> latest) {
        Map<String, ConfiguredTarget> byName = new java.util.LinkedHashMap<>();
        for (var t : config.targets()) {
            List<InetSocketAddress> portals = new ArrayList<>();
            for (String p : t.portals()) {
                portals.add(HostPort.parse(p, 3260));
            }
            if (portals.isEmpty()) {
                portals.addAll(listen);
            }
            byName.put(t.name().toLowerCase(Locale.ROOT), new ConfiguredTarget(t, portals, Map.copyOf(units),
                    ports.apply(t), latest));
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
