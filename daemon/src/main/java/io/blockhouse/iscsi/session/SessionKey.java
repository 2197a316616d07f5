package io.blockhouse.iscsi.session;

import java.util.HexFormat;
import java.util.Locale;

/**
 * Identifies a session for reinstatement (RFC 7143 section 6.3.5): initiator name, ISID and target name (discovery
 * sessions use an empty target name). Names compare case-insensitively as iSCSI names are normalised to lower case.
 */
public record SessionKey(String initiatorName, String isidHex, String targetName) {
    public static SessionKey of(String initiatorName, byte[] isid, String targetName) {
        return new SessionKey(initiatorName.toLowerCase(Locale.ROOT), HexFormat.of().formatHex(isid),
                targetName == null ? "" : targetName.toLowerCase(Locale.ROOT));
    }
}
