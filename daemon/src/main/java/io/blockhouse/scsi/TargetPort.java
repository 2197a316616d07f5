package io.blockhouse.scsi;

import io.blockhouse.scsi.alua.AluaState;
import io.blockhouse.scsi.alua.TargetPortGroups;
import io.blockhouse.scsi.sense.Sense;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.stats.LunCounterTable;
import io.blockhouse.scsi.stats.LunCounters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SCSI target port (an iSCSI target name plus portal group tag) and the I_T nexuses opened through it. Target
 * resets act on every logical unit reachable through the port, i.e. mapped by any of its open nexuses.
 */
public final class TargetPort {
    private static final Logger LOG = LoggerFactory.getLogger(TargetPort.class);

    private final String name;
    private final String deviceName;
    private final int relativePortId;
    private final TargetPortGroups portGroups;
    private final Set<SessionNexus> open = ConcurrentHashMap.newKeySet();
    /** Counters per LUN of every session that went through this port (sessions count into it as they go). */
    private final LunCounterTable lunCounters = new LunCounterTable();

    /**
     * A port alone in its own implicit, active/optimized port group.
     *
     * @param targetPortName iSCSI target port name, "iqn...,t,0x0001"
     * @param relativePortId RELATIVE TARGET PORT IDENTIFIER (1..65535)
     */
    public TargetPort(String targetPortName, int relativePortId) {
        this(targetPortName, relativePortId, null);
    }

    /**
     * @param targetPortName iSCSI target port name, "iqn...,t,0x0001"
     * @param relativePortId RELATIVE TARGET PORT IDENTIFIER (1..65535)
     * @param portGroups     the target port groups this port belongs to (shared by the target's ports), or null
     *                       for a port alone in an active/optimized default group
     */
    public TargetPort(String targetPortName, int relativePortId, TargetPortGroups portGroups) {
        this.portGroups = portGroups != null ? portGroups
                : new TargetPortGroups(AluaState.allOptimized(List.of(relativePortId)));
        this.name = Objects.requireNonNull(targetPortName, "targetPortName");
        if (relativePortId < 1 || relativePortId > 0xFFFF) {
            throw new IllegalArgumentException("relative port id out of 1..65535: " + relativePortId);
        }
        int suffix = targetPortName.indexOf(",t,");
        this.deviceName = suffix >= 0 ? targetPortName.substring(0, suffix) : targetPortName;
        this.relativePortId = relativePortId;
    }

    public String name() {
        return name;
    }

    /** The SCSI target device name (the iSCSI target name). */
    public String deviceName() {
        return deviceName;
    }

    public int relativePortId() {
        return relativePortId;
    }

    /** The target port groups (ALUA) this port is in. */
    public TargetPortGroups portGroups() {
        return portGroups;
    }

    /**
     * Establishes {@code sense} on every logical unit mapped by each open nexus of this port, for that nexus's
     * initiator port (e.g. ASYMMETRIC ACCESS STATE CHANGED), except for {@code exceptInitiatorPort} (may be null).
     */
    public void raiseUnitAttention(Sense sense, String exceptInitiatorPort) {
        for (SessionNexus n : open) {
            if (n.initiatorPortName().equals(exceptInitiatorPort)) {
                continue;
            }
            n.lunMap().entries().forEach(e -> e.unit().establishUnitAttention(n.initiatorPortName(), sense));
        }
    }

    /**
     * Opens the I_T nexus of a new session.
     *
     * @param initiatorName iSCSI initiator name
     * @param isid          the 6-byte ISID; with the name it forms the initiator port name that keys unit
     *                      attentions, so a re-login with the same ISID finds its pending conditions
     * @param luns          what this initiator sees
     */
    public Nexus openNexus(String initiatorName, byte[] isid, LunMap luns) {
        Objects.requireNonNull(initiatorName, "initiatorName");
        Objects.requireNonNull(luns, "luns");
        if (isid == null || isid.length != 6) {
            throw new IllegalArgumentException("ISID must be 6 bytes");
        }
        StringBuilder port = new StringBuilder(initiatorName).append(",i,0x");
        for (byte b : isid) {
            port.append(String.format("%02x", b & 0xFF));
        }
        SessionNexus nexus = new SessionNexus(this, port.toString(), luns);
        open.add(nexus);
        LOG.debug("{}: nexus opened for {}", name, nexus.initiatorPortName());
        return nexus;
    }

    /**
     * Live reconfiguration: gives a nexus opened through this port a new LUN map. When the set of LUN numbers
     * changes, every unit of the new map gets REPORTED LUNS DATA HAS CHANGED for this nexus's initiator port
     * (SPC-4 says "on every logical unit accessible through the I_T nexus"); a LUN number that now shows a device
     * with another identity also gets INQUIRY DATA HAS CHANGED. Commands already submitted keep the unit they
     * were routed to.
     *
     * @return false when the nexus is not open on this port (nothing was changed)
     */
    public boolean remap(Nexus nexus, LunMap luns) {
        Objects.requireNonNull(luns, "luns");
        if (!(nexus instanceof SessionNexus n) || !open.contains(n)) {
            return false;
        }
        LunMap before = n.lunMap();
        if (before.sameMappings(luns)) {
            return true;
        }
        n.replaceLuns(luns);
        boolean inventoryChanged = !before.luns().equals(luns.luns());
        for (LunMap.Entry e : luns.entries()) {
            LunMap.Entry old = before.get(e.lun());
            if (old != null && !old.unit().spec().equals(e.unit().spec())) {
                e.unit().establishUnitAttention(n.initiatorPortName(), SenseCodes.INQUIRY_DATA_HAS_CHANGED);
            }
            if (inventoryChanged) {
                e.unit().establishUnitAttention(n.initiatorPortName(), SenseCodes.REPORTED_LUNS_DATA_HAS_CHANGED);
            }
        }
        LOG.info("{}: LUN map of {} changed: {} -> {}", name, n.initiatorPortName(), before.luns(), luns.luns());
        return true;
    }

    /**
     * {@link #remap}s every open nexus of this port to what {@code mapFor} gives for its initiator name, including
     * nexuses whose session is still completing its login.
     */
    public void remapAll(java.util.function.Function<String, LunMap> mapFor) {
        for (SessionNexus n : open) {
            String port = n.initiatorPortName();
            int suffix = port.lastIndexOf(",i,0x");
            remap(n, mapFor.apply(suffix >= 0 ? port.substring(0, suffix) : port));
        }
    }

    /** Logical units mapped by at least one open nexus of this port (a device in use must not vanish silently). */
    public Set<LogicalUnit> unitsInUse() {
        Set<LogicalUnit> units = new HashSet<>();
        for (SessionNexus n : open) {
            n.lunMap().entries().forEach(e -> units.add(e.unit()));
        }
        return units;
    }

    /** This port's table of LUN counters (the parent of its sessions' counters). */
    LunCounterTable lunCounters() {
        return lunCounters;
    }

    /** Reads, writes, bytes and errors per LUN through this port since it exists, over all its sessions. */
    public List<LunCounters.Snapshot> lunStatistics() {
        return lunCounters.snapshot();
    }

    /**
     * The counters per LUN of one session opened through this port (its LUNs, as mapped now or earlier).
     *
     * @return empty when the nexus is not open on this port
     */
    public List<LunCounters.Snapshot> lunStatistics(Nexus nexus) {
        if (!(nexus instanceof SessionNexus n) || !open.contains(n)) {
            return List.of();
        }
        return n.lunCounters().snapshot();
    }

    void detach(SessionNexus nexus) {
        open.remove(nexus);
    }

    /**
     * TARGET WARM RESET / TARGET COLD RESET: a reset of every reachable logical unit.
     *
     * <p>The unit attention of a warm reset is the generic POWER ON, RESET, OR BUS DEVICE RESET OCCURRED (29h/00h):
     * RFC 7143 maps TARGET WARM RESET to SAM's target (hard) reset, and an iSCSI target has no SCSI bus whose reset
     * SCSI BUS RESET OCCURRED (29h/02h) would name. SCST reports 29h/00h for every reset. A cold reset is a power-on
     * event (RFC 7143 11.5.1), hence POWER ON OCCURRED (29h/01h).
     */
    CompletableFuture<Void> reset(SessionNexus requester, boolean cold) {
        Sense ua = cold ? SenseCodes.POWER_ON_OCCURRED : SenseCodes.POWER_ON_RESET;
        Set<LogicalUnit> units = new HashSet<>();
        for (SessionNexus n : open) {
            n.lunMap().entries().forEach(e -> units.add(e.unit()));
        }
        requester.lunMap().entries().forEach(e -> units.add(e.unit()));
        LOG.warn("{}: target {} reset by {} ({} units)", name, cold ? "cold" : "warm",
                requester.initiatorPortName(), units.size());
        List<CompletableFuture<Void>> resets = new ArrayList<>();
        for (LogicalUnit u : units) {
            resets.add(u.reset(requester, ua));
        }
        return CompletableFuture.allOf(resets.toArray(CompletableFuture[]::new));
    }
}
