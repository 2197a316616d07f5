package io.blockhouse.config;

import java.util.List;

/**
 * A target port in a port group: a whole target (its one target port), or some of its portals. Portals of one
 * target placed in different port groups become distinct target ports: each gets its own iSCSI portal group tag
 * (the target's tag plus the port group id) and its own relative target port identifier.
 *
 * @param target  the target's iSCSI name
 * @param portals "host:port" portals of that target that belong to the group; empty means the whole target
 */
public record PortGroupMember(String target, List<String> portals) {

    public PortGroupMember {
        portals = portals == null ? List.of() : List.copyOf(portals);
    }
}
