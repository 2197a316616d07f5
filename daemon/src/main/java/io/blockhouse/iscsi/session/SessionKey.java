package io.blockhouse.iscsi.session;

import java.util.HexFormat;
import java.util.Locale;

/**
 * Identifies a session for reinstatement (RFC 7143 section 6.3.5): initiator name, ISID, target name (discovery
 * sessions use an empty target name) and target portal group tag: the session identifier is ISID plus TPGT, so the
 * same ISID logging in through another portal group of the target (another SCSI target port, e.g. the second path
 * of a multipath pair) opens a second session instead of reinstating the first. Names compare case-insensitively as
 * iSCSI names are normalised to lower case.
 */
public record SessionKey(String initiatorName, String isidHex, String targetName, int portalGroupTag) {
    /** A key without a portal group tag (discovery sessions, or a target with one portal group). */
    public static SessionKey of(String initiatorName, byte[] isid, String targetName) {
        return of(initiatorName, isid, targetName, 0);
    }

    public static SessionKey of(String initiatorName, byte[] isid, String targetName, int portalGroupTag) {
        return new SessionKey(initiatorName.toLowerCase(Locale.ROOT), HexFormat.of().formatHex(isid),
                targetName == null ? "" : targetName.toLowerCase(Locale.ROOT), portalGroupTag);
    }
}
