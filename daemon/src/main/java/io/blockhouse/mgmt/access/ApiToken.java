package io.blockhouse.mgmt.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The token a TCP API request must present. Only its SHA-256 digest is kept; a presented token is digested too and
 * the two digests are compared with {@link MessageDigest#isEqual}, which takes the same time wherever they differ.
 * Comparing digests rather than the tokens also hides the token's length from timing.
 */
public final class ApiToken {

    /** Shortest token accepted: a guess must be hopeless even without the rate limit. */
    public static final int MIN_LENGTH = 16;

    private final byte[] digest;

    private ApiToken(byte[] digest) {
        this.digest = digest;
    }

    /**
     * @param token the secret, already stripped of surrounding white space
     * @throws IllegalArgumentException when it is too short or not one line of printable ASCII without spaces (the
     *                                  message never contains the token)
     */
    public static ApiToken of(String token) {
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the token must have at least " + MIN_LENGTH + " characters (has "
                    + token.length() + ")");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("the token must be one line of printable ASCII without spaces");
            }
        }
        return new ApiToken(sha256(token));
    }

    /** Whether {@code presented} (null when the request carried none) is this token, in constant time. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ApiToken[redacted]";
    }
}
