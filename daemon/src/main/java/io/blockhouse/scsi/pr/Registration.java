package io.blockhouse.scsi.pr;

import java.util.Locale;

/**
 * One registration: a reservation key for an initiator port through one target port, or through all of them
 * (ALL_TG_PT, {@code targetPortId} 0). A registration made by SPEC_I_PT with an iSCSI name alone (TransportID
 * format 00b) covers every initiator port of that iSCSI initiator device, so {@code initiator} is then a bare name.
 *
 * <p>iSCSI names compare case-insensitively (RFC 3722 normalises them to lower case), so coverage does too.
 */
final class Registration {
    static final int ALL_TARGET_PORTS = 0;

    final String initiator;
    final int targetPortId;
    long key;

    Registration(String initiator, int targetPortId, long key) {
        this.initiator = initiator;
        this.targetPortId = targetPortId;
        this.key = key;
    }

    boolean allTargetPorts() {
        return targetPortId == ALL_TARGET_PORTS;
    }

    /** True when the initiator is a whole iSCSI device (name only), not one initiator port. */
    boolean wholeDevice() {
        return !initiator.contains(",i,");
    }

    /** True when this registration applies to {@code nexus}. */
    boolean covers(ItNexus nexus) {
        if (!allTargetPorts() && targetPortId != nexus.relativeTargetPortId()) {
            return false;
        }
        return coversPort(nexus.initiatorPort());
    }

    /** True when this registration belongs to initiator port {@code port} (through whichever target port). */
    boolean coversPort(String port) {
        if (wholeDevice()) {
            int sep = port.indexOf(",i,");
            String name = sep < 0 ? port : port.substring(0, sep);
            return name.equalsIgnoreCase(initiator);
        }
        return port.toLowerCase(Locale.ROOT).equals(initiator.toLowerCase(Locale.ROOT));
    }

    /** True when both registrations name the same initiator and target ports (a duplicate). */
    boolean sameNexusAs(Registration other) {
        return targetPortId == other.targetPortId && initiator.equalsIgnoreCase(other.initiator);
    }

    Registration copy() {
        return new Registration(initiator, targetPortId, key);
    }

    @Override
    public String toString() {
        return initiator + (allTargetPorts() ? " via all ports" : " via port " + targetPortId) + " key 0x"
                + Long.toHexString(key);
    }
}
