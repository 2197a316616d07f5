package io.blockhouse.mgmt;

import java.util.List;

/**
 * A target port group as it is in force now, for the API: what the SCSI layer reports in REPORT TARGET PORT GROUPS.
 *
 * @param id     TARGET PORT GROUP identifier (0 = the implicit default group)
 * @param status why the state last changed: none, set-by-initiator, implicit
 * @param ports  the group's target ports
 */
public record PortGroupInfo(int id, String name, String state, boolean preferred, String status,
                            List<Port> ports) {

    /**
     * One target port.
     *
     * @param relativeTargetPortId RELATIVE TARGET PORT IDENTIFIER
     * @param targetPort           iSCSI target port name ("iqn...,t,0x0001")
     * @param portals              "host:port" portals it is served on
     */
    public record Port(int relativeTargetPortId, String targetPort, List<String> portals) {
    }
}
