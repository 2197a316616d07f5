package io.blockhouse.mgmt.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * crypt(3) SHA-512 password hashes ("$6$salt$..."), the format of /etc/shadow, computed as the published SHA-crypt
 * specification describes (5000 rounds, salt up to 16 characters). The appliance has no tool for it and the
 * daemon must never store a password itself, only this hash.
 */
final class Sha512Crypt {

    private static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int ROUNDS = 5000;
    /** The order the 64 digest bytes are encoded in, three at a time (most significant first). */
    private static final int[] ORDER = {0, 21, 42, 22, 43, 1, 44, 2, 23, 3, 24, 45, 25, 46, 4, 47, 5, 26, 6, 27, 48,
        28, 49, 7, 50, 8, 29, 9, 30, 51, 31, 52, 10, 53, 11, 32, 12, 33, 54, 34, 55, 13, 56, 14, 35, 15, 36, 57, 37,
        58, 16, 59, 17, 38, 18, 39, 60, 40, 61, 19, 62, 20, 41};
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sha512Crypt() {
    }

    /** A hash of {@code password} with a fresh random 16-character salt. */
    static String hash(String password) {
        StringBuilder salt = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            salt.append(ITOA64.charAt(RANDOM.nextInt(64)));
        }
        return hash(password, salt.toString());
    }

    /** The hash of {@code password} with {@code salt} (cut to 16 characters, as crypt does). */
    static String hash(String password, String salt) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] s = (salt.length() > 16 ? salt.substring(0, 16) : salt).getBytes(StandardCharsets.UTF_8);
        MessageDigest b = sha512();
        b.update(pw);
        b.update(s);
        b.update(pw);
        byte[] bResult = b.digest();
        MessageDigest a = sha512();
        a.update(pw);
        a.update(s);
        int cnt;
        for (cnt = pw.length; cnt > 64; cnt -= 64) {
            a.update(bResult, 0, 64);
        }
        a.update(bResult, 0, cnt);
        for (cnt = pw.length; cnt > 0; cnt >>= 1) {
            if ((cnt & 1) != 0) {
                a.update(bResult);
            } else {
                a.update(pw);
            }
        }
        byte[] result = a.digest();
        MessageDigest dp = sha512();
        for (int i = 0; i < pw.length; i++) {
            dp.update(pw);
        }
        byte[] p = repeat(dp.digest(), pw.length);
        MessageDigest ds = sha512();
        for (int i = 0; i < 16 + (result[0] & 0xff); i++) {
            ds.update(s);
        }
        byte[] sBytes = repeat(ds.digest(), s.length);
        for (int i = 0; i < ROUNDS; i++) {
            MessageDigest c = sha512();
            c.update((i & 1) != 0 ? p : result);
            if (i % 3 != 0) {
                c.update(sBytes);
            }
            if (i % 7 != 0) {
                c.update(p);
            }
            c.update((i & 1) != 0 ? result : p);
            result = c.digest();
        }
        StringBuilder out = new StringBuilder("$6$").append(new String(s, StandardCharsets.UTF_8)).append('$');
        for (int i = 0; i < ORDER.length; i += 3) {
            encode(out, result[ORDER[i]], result[ORDER[i + 1]], result[ORDER[i + 2]], 4);
        }
        encode(out, (byte) 0, (byte) 0, result[63], 2);
        return out.toString();
    }

    /** Whether {@code password} matches {@code hash} (a "$6$salt$..." hash with the default rounds). */
    static boolean matches(String password, String hash) {
        if (hash == null || !hash.startsWith("$6$") || hash.indexOf('$', 3) < 0) {
            return false;
        }
        String salt = hash.substring(3, hash.indexOf('$', 3));
        return MessageDigest.isEqual(hash(password, salt).getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8));
    }

    private static void encode(StringBuilder out, byte b2, byte b1, byte b0, int n) {
        int w = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
        for (int i = 0; i < n; i++) {
            out.append(ITOA64.charAt(w & 0x3f));
            w >>>= 6;
        }
    }

    private static byte[] repeat(byte[] digest, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = digest[i % 64];
        }
        return out;
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-512", e);
        }
    }
}
