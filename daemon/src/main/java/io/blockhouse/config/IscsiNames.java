package io.blockhouse.config;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Checks iSCSI names (RFC 7143 section 4.2.7): iqn., eui. and naa. formats, at most 223 bytes. */
public final class IscsiNames {

    private static final Pattern IQN = Pattern.compile("iqn\\.[0-9]{4}-(0[1-9]|1[0-2])(\\.[a-z0-9][a-z0-9-]*)+(:.+)?");
    private static final Pattern EUI = Pattern.compile("eui\\.[0-9a-f]{16}");
    private static final Pattern NAA = Pattern.compile("naa\\.([0-9a-f]{16}|[0-9a-f]{32})");
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9.:\\-]+");

    private IscsiNames() {
    }

    /** Null when valid, else why not. Names must be written in lower case (the normalised form). */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "an iSCSI name is required (e.g. iqn.2026-11.com.example:storage1)";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 223) {
            return "longer than 223 bytes";
        }
        if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
            return "must be lower case (iSCSI names compare case-insensitively; write \""
                    + name.toLowerCase(java.util.Locale.ROOT) + "\")";
        }
        if (!ALLOWED.matcher(name).matches()) {
            return "may contain only a-z, 0-9, '.', '-' and ':'";
        }
        if (IQN.matcher(name).matches() || EUI.matcher(name).matches() || NAA.matcher(name).matches()) {
            return null;
        }
        return "not an iqn., eui. or naa. name (e.g. iqn.2026-11.com.example:storage1)";
    }
}
