package io.blockhouse.scsi.alua;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live target port groups of the target: shared by every target port, read by every command (INQUIRY TPGS,
 * REPORT TARGET PORT GROUPS, the access-state check), replaced by the management plane and changed by SET TARGET
 * PORT GROUPS. Thread-safe: one atomic reference to an immutable {@link AluaState}.
 */
public final class TargetPortGroups {

    private static final Logger LOG = LoggerFactory.getLogger(TargetPortGroups.class);

    /**
     * Hears of state changes an initiator made with SET TARGET PORT GROUPS (the daemon raises the unit attentions
     * and records the new states in the configuration).
     */
    @FunctionalInterface
    public interface ExplicitChangeListener {
        /**
         * @param states          the groups changed, by id, with their new states
         * @param requesterPort   initiator port name of the nexus that sent the command (it gets no unit attention)
         */
        void changedByInitiator(Map<Integer, AccessState> states, String requesterPort);
    }

    private final AtomicReference<AluaState> state;
    private final List<ExplicitChangeListener> listeners = new CopyOnWriteArrayList<>();

    public TargetPortGroups(AluaState initial) {
        this.state = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public AluaState current() {
        return state.get();
    }

    /** Installs a new picture (live reconfiguration). Returns the previous one. */
    public AluaState replace(AluaState next) {
        return state.getAndSet(Objects.requireNonNull(next, "next"));
    }

    public void addListener(ExplicitChangeListener listener) {
        listeners.add(listener);
    }

    /**
     * SET TARGET PORT GROUPS: the groups take their new states at once (the transition is immediate, so no group
     * is ever seen transitioning because of it), then the listeners hear of it.
     */
    public void setByInitiator(Map<Integer, AccessState> states, String requesterPort) {
        if (states.isEmpty()) {
            return;
        }
        state.updateAndGet(s -> s.withStates(states, PortGroup.Status.ALTERED_BY_SET_TARGET_PORT_GROUPS));
        LOG.info("target port group states set by {}: {}", requesterPort, states);
        for (ExplicitChangeListener l : listeners) {
            try {
                l.changedByInitiator(Map.copyOf(states), requesterPort);
            } catch (RuntimeException e) {
                LOG.error("port group listener failed", e);
            }
        }
    }
}
