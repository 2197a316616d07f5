package io.blockhouse.scsi.exec;

import io.blockhouse.scsi.alua.AluaState;
import io.blockhouse.scsi.alua.TargetPortGroups;
import java.util.List;

/** What command processors may see of the I_T nexus a command arrived on. */
public interface NexusView {

    /** Initiator port name: "iqn...,i,0x" + 12 hex digits of the ISID. */
    String initiatorPortName();

    /** Target port name: "iqn...,t,0x" + 4 hex digits of the portal group tag. */
    String targetPortName();

    /** The target device name (the target port name without its ",t,0x..." suffix). */
    String targetDeviceName();

    int relativeTargetPortId();

    /** LUN numbers of this nexus's LUN map, ascending. */
    List<Integer> mappedLuns();

    /** The units of this nexus's LUN map, ascending by LUN. */
    List<MappedUnit> mappedUnits();

    /**
     * The target port groups (ALUA) of the target this nexus reaches. The default, for nexuses outside a daemon,
     * puts the nexus's own port alone in an active/optimized default group.
     */
    default TargetPortGroups portGroups() {
        return new TargetPortGroups(AluaState.allOptimized(List.of(relativeTargetPortId())));
    }
}
