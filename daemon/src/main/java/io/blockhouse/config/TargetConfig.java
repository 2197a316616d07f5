package io.blockhouse.config;

import java.util.List;

/**
 * An iSCSI target node. Initiators that belong to one of {@code groups} see that group's LUNs; every other initiator
 * sees {@code luns} (the default group), and is refused at login when that list is empty.
 *
 * @param portals "host:port" addresses this target is offered on; empty means every listen address
 */
public record TargetConfig(String name, String alias, Boolean enabled, Integer portalGroupTag, List<String> portals,
                           ChapConfig chap, List<LunConfig> luns, List<GroupConfig> groups) {

    public TargetConfig {
        portals = portals == null ? List.of() : List.copyOf(portals);
        luns = luns == null ? List.of() : List.copyOf(luns);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public boolean enabledOrDefault() {
        return enabled == null || enabled;
    }

    public int portalGroupTagOrDefault() {
        return portalGroupTag == null ? 1 : portalGroupTag;
    }
}
