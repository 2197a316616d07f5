package io.blockhouse.iscsi.login;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * CHAP hash algorithms by their CHAP_A code (the PPP authentication algorithm registry: 5 MD5, as RFC 7143 section
 * 12.1.3 requires; 6 SHA-1, 7 SHA-256 and 8 SHA3-256 as Linux initiators and targets also offer).
 */
public enum ChapAlgorithm {
    MD5(5, "MD5"), SHA1(6, "SHA-1"), SHA256(7, "SHA-256"), SHA3_256(8, "SHA3-256");

    private final int code;
    private final String jcaName;

    ChapAlgorithm(int code, String jcaName) {
        this.code = code;
        this.jcaName = jcaName;
    }

    public int code() {
        return code;
    }

    /** The algorithm for a CHAP_A value, or null if we do not support it. */
    public static ChapAlgorithm fromCode(String code) {
        for (ChapAlgorithm a : values()) {
            if (Integer.toString(a.code).equals(code.trim())) {
                return a;
            }
        }
        return null;
    }

    /** RFC 1994 response: H(identifier || secret || challenge). */
    public byte[] response(int identifier, byte[] secret, byte[] challenge) {
        try {
            MessageDigest md = MessageDigest.getInstance(jcaName);
            md.update((byte) identifier);
            md.update(secret);
            md.update(challenge);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JCA lacks " + jcaName, e);
        }
    }

    public int digestLength() {
        return switch (this) {
            case MD5 -> 16;
            case SHA1 -> 20;
            case SHA256, SHA3_256 -> 32;
        };
    }
}
