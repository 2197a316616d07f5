package io.blockhouse.mgmt;

import io.blockhouse.config.AccessStates;
import io.blockhouse.config.AluaConfig;
import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.PortGroupConfig;
import io.blockhouse.config.PortGroupMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Changes to the target port groups (ALUA): each takes the current configuration and returns the proposed one, or
 * refuses with an error naming the field. The validator checks the result as a whole (unique ids, a target port in
 * at most one group, portals of the target).
 */
public final class PortGroupEdits {

    private PortGroupEdits() {
    }

    public static BlockhouseConfig add(BlockhouseConfig c, PortGroupConfig group) throws MgmtException {
        if (group.id() != null && find(c, String.valueOf(group.id())) != null) {
            throw MgmtException.conflict("port_group_exists", "portGroups.id: a port group with id " + group.id()
                    + " exists");
        }
        PortGroupConfig g = group.state() == null ? group.withState(AccessStates.ACTIVE_OPTIMIZED) : group;
        List<PortGroupConfig> groups = new ArrayList<>(c.aluaOrDefault().portGroups());
        groups.add(g);
        return c.withAlua(c.aluaOrDefault().withPortGroups(groups));
    }

    /**
     * Changes some fields of a group; null leaves a field as it is.
     *
     * @param idOrName the group's id or name
     */
    public static BlockhouseConfig update(BlockhouseConfig c, String idOrName, String state, Boolean preferred,
                                          List<PortGroupMember> ports) throws MgmtException {
        PortGroupConfig old = require(c, idOrName);
        if (state != null && !AccessStates.valid(state)) {
            throw MgmtException.invalid("invalid_state", "state: must be one of " + String.join(", ",
                    AccessStates.NAMES) + " (got " + state + ")");
        }
        PortGroupConfig next = new PortGroupConfig(old.id(), old.name(), state == null ? old.state() : state,
                preferred == null ? old.preferred() : preferred, ports == null ? old.ports() : ports);
        return replace(c, old, next);
    }

    public static BlockhouseConfig remove(BlockhouseConfig c, String idOrName) throws MgmtException {
        PortGroupConfig old = require(c, idOrName);
        List<PortGroupConfig> groups = new ArrayList<>(c.aluaOrDefault().portGroups());
        groups.remove(old);
        return c.withAlua(c.aluaOrDefault().withPortGroups(groups));
    }

    public static BlockhouseConfig setExplicit(BlockhouseConfig c, boolean explicit) {
        return c.withAlua(new AluaConfig(explicit, c.aluaOrDefault().portGroups()));
    }

    /** Records states an initiator set with SET TARGET PORT GROUPS (group id to state name). */
    public static BlockhouseConfig setStates(BlockhouseConfig c, Map<Integer, String> states) {
        List<PortGroupConfig> groups = new ArrayList<>();
        for (PortGroupConfig g : c.aluaOrDefault().portGroups()) {
            String s = states.get(g.id());
            groups.add(s == null ? g : g.withState(s));
        }
        return c.withAlua(c.aluaOrDefault().withPortGroups(groups));
    }

    private static BlockhouseConfig replace(BlockhouseConfig c, PortGroupConfig old, PortGroupConfig next) {
        List<PortGroupConfig> groups = new ArrayList<>(c.aluaOrDefault().portGroups());
        groups.set(groups.indexOf(old), next);
        return c.withAlua(c.aluaOrDefault().withPortGroups(groups));
    }

    /** The group with this id or name, or null. */
    public static PortGroupConfig find(BlockhouseConfig c, String idOrName) {
        for (PortGroupConfig g : c.aluaOrDefault().portGroups()) {
            if (idOrName.equals(g.name()) || idOrName.equals(String.valueOf(g.id()))) {
                return g;
            }
        }
        return null;
    }

    private static PortGroupConfig require(BlockhouseConfig c, String idOrName) throws MgmtException {
        PortGroupConfig g = find(c, idOrName);
        if (g == null) {
            throw MgmtException.notFound("port_group_not_found", "portGroups: no port group with id or name \""
                    + idOrName + "\"");
        }
        return g;
    }
}
