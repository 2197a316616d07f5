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
 * @param lunCounters   I/O of this session per LUN (and device) it has had mapped, ascending by LUN
 */
public record SessionInfo(int tsih, String initiator, String isid, String target, String address, List<Integer> luns,
                          int outstanding, Map<String, String> parameters, List<LunCounters> lunCounters) {

    public SessionInfo {
        lunCounters = lunCounters == null ? List.of() : List.copyOf(lunCounters);
    }

    /**
     * What one session did through one LUN.
     *
     * @param reads        READ commands completed
     * @param writes       write commands completed
     * @param bytesRead    bytes of READs that ended GOOD
     * @param bytesWritten bytes of writes that ended GOOD
     * @param errors       commands of any kind that ended with CHECK CONDITION
     */
    public record LunCounters(int lun, String device, long reads, long writes, long bytesRead, long bytesWritten,
                              long errors) {
    }
}
