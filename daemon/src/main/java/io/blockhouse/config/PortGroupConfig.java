package io.blockhouse.config;

import java.util.List;

/**
 * One target port group (SPC-4 5.16): an asymmetric access state shared by the target ports it contains.
 *
 * @param id        TARGET PORT GROUP identifier, 1..65535 (0 is the implicit default group)
 * @param name      administrator's name for the group (e.g. "controller-a")
 * @param state     one of active/optimized, active/non-optimized, standby, unavailable, transitioning
 * @param preferred the PREF bit: the group the initiator should prefer when it has a choice
 * @param ports     the target ports in the group
 */
public record PortGroupConfig(Integer id, String name, String state, Boolean preferred,
                              List<PortGroupMember> ports) {

    public PortGroupConfig {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public boolean preferredOrDefault() {
        return preferred != null && preferred;
    }

    /** The same group in another state. */
    public PortGroupConfig withState(String newState) {
        return new PortGroupConfig(id, name, newState, preferred, ports);
    }
}
