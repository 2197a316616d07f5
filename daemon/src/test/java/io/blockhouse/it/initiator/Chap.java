package io.blockhouse.it.initiator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** CHAP with MD5 (RFC 1994, as profiled by RFC 7143 section 12.1.3): response = MD5(identifier || secret || challenge). */
public final class Chap {

    /** CHAP_A value for MD5. */
    public static final String ALGORITHM_MD5 = "5";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Chap() {
    }

    /** The CHAP response for an identifier (0..255), a secret and a binary challenge. */
    public static byte[] response(int identifier, byte[] secret, byte[] challenge) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) identifier);
            md5.update(secret);
            md5.update(challenge);
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM without MD5", e);
        }
    }

    public static byte[] response(int identifier, String secret, byte[] challenge) {
        return response(identifier, secret.getBytes(StandardCharsets.UTF_8), challenge);
    }

    /** A fresh random challenge of {@code length} bytes. */
    public static byte[] challenge(int length) {
        byte[] c = new byte[length];
        RANDOM.nextBytes(c);
        return c;
    }

    public static int identifier() {
        return RANDOM.nextInt(256);
    }

    /** Encodes binary as the "0x" hex form of RFC 7143 section 6.1. */
    public static String encode(byte[] value) {
        return "0x" + HexFormat.of().formatHex(value);
    }

    /**
     * Decodes a binary value in "0x"/"0X" hex or "0b"/"0B" base64 form.
     *
     * @throws IscsiProtocolException when the value is neither
     */
    public static byte[] decode(String value) throws IscsiProtocolException {
        try {
            if (value.length() > 2 && (value.startsWith("0x") || value.startsWith("0X"))) {
                String hex = value.substring(2);
                if (hex.length() % 2 == 1) {
                    hex = "0" + hex;
                }
                return HexFormat.of().parseHex(hex);
            }
            if (value.length() > 2 && (value.startsWith("0b") || value.startsWith("0B"))) {
                return Base64.getDecoder().decode(value.substring(2));
            }
        } catch (IllegalArgumentException e) {
            throw new IscsiProtocolException("bad binary value '" + value + "': " + e.getMessage());
        }
        throw new IscsiProtocolException("binary value without 0x/0b prefix: '" + value + "'");
    }
}
