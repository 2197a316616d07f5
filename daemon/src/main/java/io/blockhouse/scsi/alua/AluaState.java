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
        return new AluaState(false, relativePortIds.isEmpty() ? List.of() : List.of(new PortGroup(PortGroup.DEFAULT_ID, "default",
                AccessState.ACTIVE_OPTIMIZED, false, PortGroup.Status.NONE, relativePortIds)));
    }

    /** The group holding the target port, if any. */
    public Optional<PortGroup> groupOf(int relativePortId) {
        return groups.stream().filter(g -> g.relativePortIds().contains(relativePortId)).findFirst();
    }

    /** The access state of a target port; a port no group knows (not yet placed) is active/optimized. */
    public AccessState stateOf(int relativePortId) {
        return groupOf(relativePortId).map(PortGroup::state).orElse(AccessState.ACTIVE_OPTIMIZED);
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
     * True when a target port's group or access state differs between the two pictures: the initiators must hear
     * of it (ASYMMETRIC ACCESS STATE CHANGED).
     */
    public boolean accessDiffers(AluaState other) {
        if (groups.size() != other.groups.size()) {
            return true;
        }
        for (int i = 0; i < groups.size(); i++) {
            PortGroup a = groups.get(i);
            PortGroup b = other.groups.get(i);
            if (a.id() != b.id() || a.state() != b.state() || a.preferred() != b.preferred()
                    || !a.relativePortIds().equals(b.relativePortIds())) {
                return true;
            }
        }
        return false;
    }
}
