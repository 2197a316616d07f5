package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.NexusView;
import java.util.Objects;

/**
 * An I_T nexus as persistent reservations identify it (SPC-4 5.12.1): the initiator port name
 * ("iqn...,i,0x" + ISID) and the relative identifier of the target port. Two sessions of one initiator with
 * different ISIDs are different I_T nexuses, so they hold separate registrations; a re-login with the same ISID is
 * the same nexus and finds its registration again.
 *
 * @param initiatorPort        iSCSI initiator port name
 * @param relativeTargetPortId RELATIVE TARGET PORT IDENTIFIER of the target port (1..65535)
 */
public record ItNexus(String initiatorPort, int relativeTargetPortId) {

    public ItNexus {
        Objects.requireNonNull(initiatorPort, "initiatorPort");
    }

    public static ItNexus of(NexusView nexus) {
        return new ItNexus(nexus.initiatorPortName(), nexus.relativeTargetPortId());
    }

    @Override
    public String toString() {
        return initiatorPort + " via port " + relativeTargetPortId;
    }
}
