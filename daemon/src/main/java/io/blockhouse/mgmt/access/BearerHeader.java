package io.blockhouse.mgmt.access;

import java.util.Locale;

/** Reads the credential of an {@code Authorization: Bearer <token>} header (RFC 6750 section 2.1). */
public final class BearerHeader {

    private BearerHeader() {
    }

    /** The token, or null when the header is absent or not of the Bearer scheme. */
    public static String token(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        String token = value.substring(space + 1).strip();
        return token.isEmpty() ? null : token;
    }
}
