package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.NexusView;
import io.blockhouse.scsi.sense.Sense;
import io.blockhouse.scsi.sense.SenseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reservation state of one logical unit: SPC-4 persistent reservations (registrations per I_T nexus, the
 * reservation, PRgeneration, APTPL) and the SPC-2 RESERVE/RELEASE reservation. Guarded by this object's monitor,
 * one per logical unit, so units never contend with each other.
 *
 * <p>Each PERSISTENT RESERVE OUT service action is one method here. A change is applied to memory, then saved
 * through the {@link ReservationStore} when APTPL is (or was) set; if saving fails the change is undone and the
 * command fails with INSUFFICIENT REGISTRATION RESOURCES, so what the initiator was told matches what a restart
 * will find. Unit attentions are established only after the change is final; PREEMPT AND ABORT waits, outside the
 * monitor, for the preempted nexuses' tasks to end.
 *
 * <p>Errors: RESERVATION CONFLICT is a {@link ReservationConflictException}, the others {@link SenseException}s.
 */
public final class PersistentReservations {
    private static final Logger LOG = LoggerFactory.getLogger(PersistentReservations.class);

    private final String unitName;
    private final ReservationStore store;
    private final ReservationHooks hooks;

    private final List<Registration> registrations = new ArrayList<>();
    /** The reservation type, or null when there is no persistent reservation. */
    private PrType type;
    /** The single holder's registration; null for all-registrants types and when there is no reservation. */
    private Registration holder;
    private long generation;
    private boolean aptpl;
    /** Holder of the SPC-2 RESERVE (6)/(10) reservation, or null. */
    private ItNexus legacyHolder;
    /**
     * False while there is no registration and no reservation of either kind, so that {@link #conflicts} (asked
     * before every command) can answer without taking the lock. Written under the lock after every change.
     */
    private volatile boolean engaged;

    /** Unit attentions a change establishes once it is final. */
    private record Notice(Predicate<String> ports, Sense sense) {
    }

    /**
     * Builds the state of {@code unitName}, loading what the store kept. A record the store cannot read is logged
     * as an error and the unit starts without registrations (see {@link FileReservationStore} for where the bad
     * record goes): initiators see an empty registration list and re-register, which is what cluster software does
     * after a target restart anyway; refusing to start the unit would take the storage offline for every initiator.
     */
    public PersistentReservations(String unitName, ReservationStore store, ReservationHooks hooks) {
        this.unitName = Objects.requireNonNull(unitName, "unitName");
        this.store = Objects.requireNonNull(store, "store");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        try {
            Optional<ReservationSnapshot> saved = store.load(unitName);
            if (saved.isPresent()) {
                try {
                    restore(saved.get());
                } catch (RuntimeException inconsistent) {
                    String aside = store.quarantine(unitName);
                    throw new IOException("saved state is inconsistent (" + inconsistent.getMessage() + ")"
                            + (aside == null ? "" : ", moved to " + aside), inconsistent);
                }
                LOG.info("LU {}: restored {} persistent registration(s){} (APTPL)", unitName, registrations.size(),
                        type == null ? "" : " and a " + type + " reservation");
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("LU {}: persistent reservation state could not be loaded, starting without registrations: {}",
                    unitName, e.getMessage());
            registrations.clear();
            type = null;
            holder = null;
            generation = 0;
            aptpl = false;
        }
        updateEngaged();
    }

    // ---------------------------------------------------------------------------------------------------- queries

    /** True when {@code cdb} from {@code nexus} must end with RESERVATION CONFLICT instead of running. */
    public boolean conflicts(ItNexus nexus, byte[] cdb) {
        return engaged && conflictsLocked(nexus, cdb);
    }

    private synchronized boolean conflictsLocked(ItNexus nexus, byte[] cdb) {
        CommandAccess access = CommandAccess.of(cdb);
        if (legacyHolder != null) {
            if (legacyHolder.equals(nexus)) {
                // SPC-3 5.6.3: under a RESERVE reservation, PERSISTENT RESERVE IN/OUT conflict whoever sends them.
                return access == CommandAccess.PERSISTENT;
            }
            return !CommandAccess.passesLegacyReservation(cdb);
        }
        return switch (access) {
            case ALWAYS, PERSISTENT -> false;
            // SPC-3 5.6.3 (we report CRH=0): RESERVE and RELEASE conflict while any registration exists.
            case LEGACY -> !registrations.isEmpty();
            case READ -> type != null && type.exclusiveAccess() && !hasAccess(nexus);
            case WRITE -> type != null && !hasAccess(nexus);
        };
    }

    private boolean hasAccess(ItNexus nexus) {
        Registration r = find(nexus);
        if (r == null) {
            return false;
        }
        return type.registrantsHaveAccess() || r == holder;
    }

    private Registration find(ItNexus nexus) {
        for (Registration r : registrations) {
            if (r.covers(nexus)) {
                return r;
            }
        }
        return null;
    }

    /** PRgeneration and the registered keys, in registration order (READ KEYS). */
    public synchronized KeysView keys() {
        return new KeysView(generation, registrations.stream().mapToLong(r -> r.key).toArray());
    }

    /** PRgeneration and the reservation, if any (READ RESERVATION). */
    public synchronized ReservationView reservation() {
        if (type == null) {
            return new ReservationView(generation, null, 0);
        }
        return new ReservationView(generation, type, type.allRegistrants() ? 0 : holder.key);
    }

    /** PRgeneration and one status entry per registration (READ FULL STATUS). */
    public synchronized FullStatusView fullStatus() {
        List<FullStatusView.Entry> entries = new ArrayList<>();
        for (Registration r : registrations) {
            boolean isHolder = type != null && (type.allRegistrants() || r == holder);
            entries.add(new FullStatusView.Entry(r.key, r.allTargetPorts(), isHolder, isHolder ? type : null,
                    r.targetPortId, r.initiator));
        }
        return new FullStatusView(generation, entries);
    }

    /** True when APTPL is set and the store keeps state across restarts (PTPL_A). */
    public synchronized boolean persistThroughPowerLossActive() {
        return aptpl && store.persistent();
    }

    /** Whether the store can keep state across restarts (PTPL_C). */
    public boolean persistThroughPowerLossCapable() {
        return store.persistent();
    }

    /** PRgeneration and keys. */
    public record KeysView(long generation, long[] keys) {
    }

    /** PRgeneration and the reservation ({@code type} null when there is none; key 0 for all-registrants types). */
    public record ReservationView(long generation, PrType type, long key) {
    }

    /** PRgeneration and registrations. */
    public record FullStatusView(long generation, List<Entry> entries) {
        /** One registration; {@code type} is set only for holders. */
        public record Entry(long key, boolean allTargetPorts, boolean holder, PrType type, int targetPortId,
                            String initiator) {
        }
    }

    // -------------------------------------------------------------------------------- PERSISTENT RESERVE OUT

    /**
     * REGISTER (and REGISTER AND IGNORE EXISTING KEY when {@code ignoreExisting}).
     *
     * @param additional I_T nexuses named by SPEC_I_PT TransportIDs (empty without SPEC_I_PT)
     */
    public void register(NexusView requester, long key, long serviceActionKey, boolean ignoreExisting,
                         boolean specIPt, boolean allTargetPorts, boolean newAptpl,
                         List<TransportId.Parsed> additional) throws SenseException {
        ItNexus self = ItNexus.of(requester);
        if (newAptpl && !store.persistent()) {
            throw SenseException.invalidFieldInParameterList(20, 0); // PTPL_C is 0 (SPC-4 6.16.3)
        }
        change(notices -> {
            Registration r = find(self);
            if (!ignoreExisting) {
                if (r == null && key != 0) {
                    throw conflict("REGISTER from unregistered " + self + " with a non-zero reservation key");
                }
                if (r != null && r.key != key) {
                    throw conflict("REGISTER from " + self + " with a wrong reservation key");
                }
            }
            if (specIPt && (ignoreExisting || r != null)) {
                // SPC-4 6.16.3: SPEC_I_PT is only for the first registration of an I_T nexus.
                throw SenseException.invalidFieldInParameterList(20, 3);
            }
            if (r == null) {
                if (serviceActionKey == 0) {
                    return false; // nothing to register, nothing changes
                }
                int port = allTargetPorts ? Registration.ALL_TARGET_PORTS : self.relativeTargetPortId();
                List<Registration> added = new ArrayList<>();
                added.add(new Registration(self.initiatorPort(), port, serviceActionKey));
                for (TransportId.Parsed t : additional) {
                    Registration extra = new Registration(t.initiator(), port, serviceActionKey);
                    for (Registration existing : registrations) {
                        if (existing.sameNexusAs(extra)) {
                            throw SenseException.invalidFieldInParameterList(24, -1);
                        }
                    }
                    if (added.stream().noneMatch(a -> a.sameNexusAs(extra))) {
                        added.add(extra);
                    }
                }
                registrations.addAll(added);
            } else if (serviceActionKey == 0) {
                unregister(r, notices);
            } else {
                r.key = serviceActionKey;
            }
            aptpl = newAptpl;
            generation++;
            return true;
        });
    }

    /** Removes {@code r}; a reservation held through it ends (SPC-4 5.12.11.2.2). */
    private void unregister(Registration r, List<Notice> notices) {
        registrations.remove(r);
        if (type == null) {
            return;
        }
        if (type.allRegistrants()) {
            if (registrations.isEmpty()) {
                type = null;
            }
            return;
        }
        if (holder == r) {
            PrType released = type;
            type = null;
            holder = null;
            if (released.registrantsOnly()) {
                notices.add(new Notice(registeredPorts(null), PrSense.RESERVATIONS_RELEASED));
            }
        }
    }

    /** RESERVE: creates the reservation, or confirms the caller's identical one. */
    public void reserve(NexusView requester, long key, PrType newType) throws SenseException {
        ItNexus self = ItNexus.of(requester);
        change(notices -> {
            Registration r = registeredWithKey(self, key, "RESERVE");
            if (type != null) {
                if (type == newType && (type.allRegistrants() || holder == r)) {
                    return false;
                }
                throw conflict("RESERVE " + newType + " from " + self + " while " + type + " is held");
            }
            type = newType;
            holder = newType.allRegistrants() ? null : r;
            LOG.debug("LU {}: {} reservation by {}", unitName, newType, self);
            return true;
        });
    }

    /** RELEASE: ends the caller's reservation; a non-holder's RELEASE does nothing (SPC-4 5.12.11.2.2). */
    public void release(NexusView requester, long key, PrType releaseType) throws SenseException {
        ItNexus self = ItNexus.of(requester);
        change(notices -> {
            Registration r = registeredWithKey(self, key, "RELEASE");
            if (type == null || !(type.allRegistrants() || holder == r)) {
                return false;
            }
            if (releaseType != type) {
                throw SenseException.of(PrSense.INVALID_RELEASE);
            }
            PrType released = type;
            type = null;
            holder = null;
            if (released.registrantsHaveAccess()) {
                notices.add(new Notice(registeredPorts(self.initiatorPort()), PrSense.RESERVATIONS_RELEASED));
            }
            LOG.debug("LU {}: {} reservation released by {}", unitName, released, self);
            return true;
        });
    }

    /** CLEAR: removes every registration and the reservation. */
    public void clear(NexusView requester, long key) throws SenseException {
        ItNexus self = ItNexus.of(requester);
        change(notices -> {
            registeredWithKey(self, key, "CLEAR");
            notices.add(new Notice(registeredPorts(self.initiatorPort()), PrSense.RESERVATIONS_PREEMPTED));
            registrations.clear();
            type = null;
            holder = null;
            generation++;
            LOG.info("LU {}: registrations and reservation cleared by {}", unitName, self);
            return true;
        });
    }

    /**
     * PREEMPT and PREEMPT AND ABORT (SPC-4 5.12.11.4). With {@code abort}, the tasks of the preempted I_T nexuses
     * are aborted and this returns only when they have ended.
     */
    public void preempt(NexusView requester, long key, long serviceActionKey, PrType newType, boolean abort)
            throws SenseException {
        ItNexus self = ItNexus.of(requester);
        List<Registration> victims = new ArrayList<>();
        AtomicReference<CompletableFuture<Void>> aborting = new AtomicReference<>();
        // The abort is requested inside the monitor, as part of the change: once the preemption is visible to
        // anyone (READ KEYS), the victims' tasks are already being aborted. Waiting for them happens outside.
        Runnable abortVictims = () -> {
            if (abort && !victims.isEmpty()) {
                List<Registration> gone = List.copyOf(victims);
                aborting.set(hooks.abortTasks(n -> gone.stream().anyMatch(v -> v.covers(n)), requester));
            }
        };
        change(notices -> {
            Registration r = registeredWithKey(self, key, "PREEMPT");
            victims.clear();
            if (type != null && type.allRegistrants() && serviceActionKey == 0) {
                // Every other registration goes; the caller's reservation replaces the all-registrants one.
                registrations.stream().filter(x -> x != r).forEach(victims::add);
                establish(r, newType);
            } else if (type != null && !type.allRegistrants() && serviceActionKey == holder.key) {
                PrType old = type;
                registrations.stream().filter(x -> x != r && x.key == serviceActionKey).forEach(victims::add);
                establish(r, newType);
                if (old != newType) {
                    Predicate<String> others = registeredPorts(self.initiatorPort());
                    notices.add(new Notice(p -> others.test(p) && victims.stream().noneMatch(v -> v.coversPort(p)),
                            PrSense.RESERVATIONS_RELEASED));
                }
            } else {
                if (serviceActionKey == 0) {
                    throw SenseException.invalidFieldInParameterList(8, -1);
                }
                registrations.stream().filter(x -> x.key == serviceActionKey).forEach(victims::add);
                if (victims.isEmpty()) {
                    throw conflict("PREEMPT of key 0x" + Long.toHexString(serviceActionKey) + ": not registered");
                }
            }
            for (Registration v : victims) {
                registrations.remove(v);
                if (v == holder) {
                    holder = null;
                    type = null;
                }
            }
            if (type != null && type.allRegistrants() && registrations.isEmpty()) {
                type = null;
            }
            List<Registration> preempted = List.copyOf(victims);
            notices.add(new Notice(p -> preempted.stream().anyMatch(v -> v.coversPort(p))
                    && !p.equalsIgnoreCase(self.initiatorPort()), PrSense.REGISTRATIONS_PREEMPTED));
            generation++;
            LOG.info("LU {}: {} by {} removed {} registration(s)", unitName, abort ? "PREEMPT AND ABORT" : "PREEMPT",
                    self, victims.size());
            return true;
        }, abortVictims);
        if (aborting.get() != null) {
            aborting.get().join();
        }
    }

    private void establish(Registration r, PrType newType) {
        type = newType;
        holder = newType.allRegistrants() ? null : r;
    }

    /**
     * REGISTER AND MOVE (SPC-4 5.12.8): registers {@code destination} through {@code destinationPortId} with the
     * service action key and makes it the holder; with {@code unregister} the caller's registration goes.
     */
    public void registerAndMove(NexusView requester, long key, long serviceActionKey, boolean unregisterSource,
                                boolean newAptpl, int destinationPortId, TransportId.Parsed destination)
            throws SenseException {
        ItNexus self = ItNexus.of(requester);
        if (newAptpl && !store.persistent()) {
            throw SenseException.invalidFieldInParameterList(17, 0);
        }
        change(notices -> {
            Registration r = registeredWithKey(self, key, "REGISTER AND MOVE");
            if (type == null || type.allRegistrants() || holder != r) {
                throw conflict("REGISTER AND MOVE from " + self + ", which holds no movable reservation");
            }
            if (serviceActionKey == 0) {
                throw SenseException.invalidFieldInParameterList(8, -1);
            }
            if (destinationPortId == 0) {
                throw SenseException.invalidFieldInParameterList(18, -1);
            }
            if (!destination.port()) {
                throw SenseException.invalidFieldInParameterList(24, 7); // an initiator device is not an I_T nexus
            }
            ItNexus target = new ItNexus(destination.initiator(), destinationPortId);
            if (r.covers(target)) {
                throw SenseException.invalidFieldInParameterList(24, -1); // moving to itself
            }
            Registration moved = find(target);
            if (moved == null) {
                moved = new Registration(destination.initiator(), destinationPortId, serviceActionKey);
                registrations.add(moved);
            } else {
                moved.key = serviceActionKey;
            }
            holder = moved;
            if (unregisterSource) {
                registrations.remove(r);
            }
            aptpl = newAptpl;
            generation++;
            LOG.info("LU {}: {} reservation moved from {} to {}", unitName, type, self, target);
            return true;
        });
    }

    private Registration registeredWithKey(ItNexus self, long key, String action) {
        Registration r = find(self);
        if (r == null) {
            throw conflict(action + " from unregistered " + self);
        }
        if (r.key != key) {
            throw conflict(action + " from " + self + " with a wrong reservation key");
        }
        return r;
    }

    /** Initiator ports of every registration, except {@code except} (null for none). */
    private Predicate<String> registeredPorts(String except) {
        List<Registration> now = registrations.stream().map(Registration::copy).toList();
        return p -> (except == null || !p.equalsIgnoreCase(except)) && now.stream().anyMatch(x -> x.coversPort(p));
    }

    private ReservationConflictException conflict(String why) {
        LOG.debug("LU {}: reservation conflict: {}", unitName, why);
        return new ReservationConflictException(why);
    }

    /** One service action's change of state; returns false when nothing changed. */
    @FunctionalInterface
    private interface Mutation {
        boolean apply(List<Notice> notices) throws SenseException;
    }

    private void change(Mutation mutation) throws SenseException {
        change(mutation, () -> { });
    }

    /** Applies {@code mutation}, saves, then runs {@code committed} still inside the monitor. */
    private void change(Mutation mutation, Runnable committed) throws SenseException {
        List<Notice> notices = new ArrayList<>();
        synchronized (this) {
            try {
                changeLocked(mutation, committed, notices);
            } finally {
                updateEngaged();
            }
        }
        for (Notice n : notices) {
            hooks.unitAttention(n.ports(), n.sense());
        }
    }

    private void updateEngaged() {
        engaged = !registrations.isEmpty() || type != null || legacyHolder != null;
    }

    /** Caller holds the lock. Unit attentions go to {@code notices}; the caller establishes them afterwards. */
    private void changeLocked(Mutation mutation, Runnable committed, List<Notice> notices) throws SenseException {
        ReservationSnapshot before = snapshot();
        boolean changed;
        try {
            changed = mutation.apply(notices);
        } catch (SenseException | RuntimeException e) {
            restore(before);
            throw e;
        }
        if (!changed) {
            return;
        }
        generation &= 0xFFFFFFFFL;
        if (aptpl || before.aptpl()) {
            try {
                if (aptpl) {
                    store.save(unitName, snapshot());
                } else {
                    store.delete(unitName);
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("LU {}: persistent reservation state could not be saved; change refused: {}", unitName,
                        e.toString());
                restore(before);
                notices.clear();
                throw new SenseException(PrSense.INSUFFICIENT_REGISTRATION_RESOURCES, e);
            }
        }
        committed.run();
    }

    // ---------------------------------------------------------------------------------------- RESERVE / RELEASE

    /** RESERVE (6)/(10): reserves the unit for {@code nexus}; re-reserving by the holder is allowed. */
    public synchronized void legacyReserve(ItNexus nexus) {
        if (!registrations.isEmpty()) {
            throw conflict("RESERVE while persistent registrations exist");
        }
        if (legacyHolder != null && !legacyHolder.equals(nexus)) {
            throw conflict("RESERVE from " + nexus + " while " + legacyHolder + " holds it");
        }
        legacyHolder = nexus;
        updateEngaged();
    }

    /** RELEASE (6)/(10): ends {@code nexus}'s reservation; from anyone else it does nothing (SPC-2 7.17). */
    public synchronized void legacyRelease(ItNexus nexus) {
        if (!registrations.isEmpty()) {
            throw conflict("RELEASE while persistent registrations exist");
        }
        if (nexus.equals(legacyHolder)) {
            legacyHolder = null;
            updateEngaged();
        }
    }

    /** LOGICAL UNIT RESET and target resets end a RESERVE reservation; persistent ones survive (SPC-4 5.12.1). */
    public synchronized void reset() {
        legacyHolder = null;
        updateEngaged();
    }

    /** I_T nexus loss (logout, dropped connection, session reinstatement) ends that nexus's RESERVE reservation. */
    public synchronized void nexusLost(ItNexus nexus) {
        if (nexus.equals(legacyHolder)) {
            legacyHolder = null;
            updateEngaged();
        }
    }

    // ------------------------------------------------------------------------------------------ persistence

    private ReservationSnapshot snapshot() {
        List<ReservationSnapshot.Entry> entries = new ArrayList<>();
        for (Registration r : registrations) {
            entries.add(new ReservationSnapshot.Entry(r.initiator, r.targetPortId, HexFormat.of().toHexDigits(r.key)));
        }
        ReservationSnapshot.Held held = null;
        if (type != null) {
            held = holder == null ? new ReservationSnapshot.Held(type.code(), null, 0)
                    : new ReservationSnapshot.Held(type.code(), holder.initiator, holder.targetPortId);
        }
        return new ReservationSnapshot(ReservationSnapshot.VERSION, generation, aptpl, entries, held);
    }

    /** Replaces the state with {@code s}; the snapshot is validated first so a bad one changes nothing. */
    private void restore(ReservationSnapshot s) {
        if (s.version() != ReservationSnapshot.VERSION) {
            throw new IllegalArgumentException("unsupported reservation state version " + s.version());
        }
        List<Registration> loaded = new ArrayList<>();
        for (ReservationSnapshot.Entry e : s.registrations()) {
            if (e.initiator() == null || e.initiator().isEmpty() || e.key() == null || e.targetPortId() < 0
                    || e.targetPortId() > 0xFFFF) {
                throw new IllegalArgumentException("bad registration " + e);
            }
            loaded.add(new Registration(e.initiator(), e.targetPortId(), HexFormat.fromHexDigitsToLong(e.key())));
        }
        PrType loadedType = null;
        Registration loadedHolder = null;
        if (s.reservation() != null) {
            loadedType = PrType.fromCode(s.reservation().type());
            if (loadedType == null) {
                throw new IllegalArgumentException("bad reservation type " + s.reservation().type());
            }
            if (!loadedType.allRegistrants()) {
                ReservationSnapshot.Held h = s.reservation();
                loadedHolder = loaded.stream().filter(r -> r.initiator.equals(h.holderInitiator())
                        && r.targetPortId == h.holderTargetPortId()).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("reservation holder is not registered"));
            } else if (loaded.isEmpty()) {
                throw new IllegalArgumentException("all-registrants reservation without registrations");
            }
        }
        registrations.clear();
        registrations.addAll(loaded);
        type = loadedType;
        holder = loadedHolder;
        generation = s.generation() & 0xFFFFFFFFL;
        aptpl = s.aptpl();
    }
}
