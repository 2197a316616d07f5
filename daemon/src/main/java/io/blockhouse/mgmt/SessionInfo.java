package io.blockhouse.mgmt;

import java.util.List;
import java.util.Map;

/**
 * One live iSCSI session as the management API shows it.
 *
 * @param tsih          target session identifying handle
 * @param initiator     initiator name
 * @param isid          ISID as 12 hex digits
 * @param target        target name, or empty for a discovery session
 * @param address       the initiator's address, "host:port"
 * @param luns          LUN numbers the session sees now
 * @param outstanding   commands submitted and not yet answered
 * @param parameters    negotiated operational parameters (RFC 7143 key names)
 */
public record SessionInfo(int tsih, String initiator, String isid, String target, String address, List<Integer> luns,
                          int outstanding, Map<String, String> parameters) {
}
