package io.blockhouse.config;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the portals of each target form SCSI target ports. A target is one target port (its portal group tag) unless
 * port groups place some of its portals in a group of their own: those portals then form a separate target port
 * whose iSCSI portal group tag is the target's tag plus the port group id, so an initiator logging in through them
 * is on another I_T nexus with another relative target port identifier. Pure function of a validated configuration.
 */
public final class TargetPortLayout {

    /** The implicit group of target ports no port group names. */
    public static final int DEFAULT_GROUP = 0;

    /**
     * One target port of a target.
     *
     * @param tag     iSCSI target portal group tag (TargetPortalGroupTag at login, ",tag" in SendTargets)
     * @param portals the portals it is served on
     * @param group   the target port group id ({@link #DEFAULT_GROUP} when no group names it)
     */
    public record Port(int tag, List<InetSocketAddress> portals, int group) {
        public Port {
            portals = List.copyOf(portals);
        }
    }

    private TargetPortLayout() {
    }

    /** The portals a target is offered on: its own list, or every listen address when that list is empty. */
    public static List<InetSocketAddress> effectivePortals(TargetConfig target, List<InetSocketAddress> listen) {
        List<InetSocketAddress> portals = new ArrayList<>();
        for (String p : target.portals()) {
            portals.add(HostPort.parse(p, 3260));
        }
        if (portals.isEmpty()) {
            portals.addAll(listen);
        }
        return portals;
    }

    /**
     * The target ports of {@code target}, the default port (the target's own tag) first when it keeps any portal.
     * Assumes a configuration that passed validation.
     */
    public static List<Port> portsOf(TargetConfig target, List<InetSocketAddress> listen, AluaConfig alua) {
        List<InetSocketAddress> all = effectivePortals(target, listen);
        int base = target.portalGroupTagOrDefault();
        Integer wholeTargetGroup = null;
        Map<Integer, List<InetSocketAddress>> split = new LinkedHashMap<>();
        for (PortGroupConfig g : alua.portGroups()) {
            for (PortGroupMember m : g.ports()) {
                if (m.target() == null || !m.target().equalsIgnoreCase(target.name())) {
                    continue;
                }
                List<InetSocketAddress> mine = new ArrayList<>();
                m.portals().forEach(p -> mine.add(HostPort.parse(p, 3260)));
                if (mine.isEmpty() || mine.containsAll(all)) {
                    wholeTargetGroup = g.id();
                } else {
                    split.put(g.id(), mine);
                }
            }
        }
        List<Port> ports = new ArrayList<>();
        if (wholeTargetGroup != null) {
            ports.add(new Port(base, all, wholeTargetGroup));
            return ports;
        }
        List<InetSocketAddress> rest = new ArrayList<>(all);
        split.values().forEach(rest::removeAll);
        if (!rest.isEmpty()) {
            ports.add(new Port(base, rest, DEFAULT_GROUP));
        }
        split.forEach((group, portals) -> ports.add(new Port(base + group, portals, group)));
        return ports;
    }
}
