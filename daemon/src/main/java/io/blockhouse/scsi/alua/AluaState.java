package io.blockhouse.scsi.alua;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One immutable picture of the target port groups: their states and members, and whether SET TARGET PORT GROUPS
 * is allowed. Replaced as a whole when anything changes, so a command reads one consistent picture.
 *
 * @param explicit true when initiators may change states (explicit ALUA)
 * @param groups   every group that has at least one target port, ascending by id
 */
public record AluaState(boolean explicit, List<PortGroup> groups) {

    public AluaState {
        groups = groups.stream().sorted((a, b) -> Integer.compare(a.id(), b.id())).toList();
    }

    /** Implicit ALUA with one default group, active/optimized, holding the given target ports. */
    public static AluaState allOptimized(List<Integer> relativePortIds) {
        if (relativePortIds.isEmpty()) {
            return new AluaState(false, List.of());
        }
        return new AluaState(false, List.of(new PortGroup(PortGroup.DEFAULT_ID, "default",
                AccessState.ACTIVE_OPTIMIZED, false, PortGroup.Status.NONE, relativePortIds)));
    }

    /** The group holding the target port, if any. */
    public Optional<PortGroup> groupOf(int relativePortId) {
        return groups.stream().filter(g -> g.relativePortIds().contains(relativePortId)).findFirst();
    }

    /** The access state of a target port; a port no group knows (not yet placed) is active/optimized. */
    public AccessState stateOf(int relativePortId) {
        // Asked once per command: a plain loop over the few groups, no stream or Optional per call.
        for (PortGroup g : groups) {
            if (g.relativePortIds().contains(relativePortId)) {
                return g.state();
            }
        }
        return AccessState.ACTIVE_OPTIMIZED;
    }

    public Optional<PortGroup> group(int id) {
        return groups.stream().filter(g -> g.id() == id).findFirst();
    }

    /** The same picture with some groups in new states, each marked with {@code why}. */
    public AluaState withStates(Map<Integer, AccessState> states, PortGroup.Status why) {
        return new AluaState(explicit, groups.stream()
                .map(g -> states.containsKey(g.id()) ? g.withState(states.get(g.id()), why) : g).toList());
    }

    /**
     * True when a target port present in both pictures is in another group, another access state or has another
     * PREF bit: its initiators must hear of it (ASYMMETRIC ACCESS STATE CHANGED). Ports that only appear or
     * disappear (a target added or removed) change nothing for the nexuses that exist.
     */
    public boolean accessDiffers(AluaState other) {
        for (PortGroup g : groups) {
            for (int port : g.relativePortIds()) {
                Optional<PortGroup> there = other.groupOf(port);
                if (there.isPresent() && (there.get().id() != g.id() || there.get().state() != g.state()
                        || there.get().preferred() != g.preferred())) {
                    return true;
                }
            }
        }
        return false;
    }
}
