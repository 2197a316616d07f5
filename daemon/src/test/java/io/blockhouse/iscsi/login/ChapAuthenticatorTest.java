package io.blockhouse.iscsi.login;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.iscsi.ChapCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChapAuthenticatorTest {
    private static final ChapCredentials ONE_WAY = new ChapCredentials("alice", "initiator-secret-16", null, null);
    private static final ChapCredentials MUTUAL = new ChapCredentials("alice", "initiator-secret-16", "target-x",
            "target-secret-1234");

    /** Computed here with MessageDigest, independently of ChapAlgorithm. */
    private static byte[] expected(String algorithm, int id, String secret, byte[] challenge) throws Exception {
        MessageDigest md = MessageDigest.getInstance(algorithm);
        md.update((byte) id);
        md.update(secret.getBytes(StandardCharsets.UTF_8));
        md.update(challenge);
        return md.digest();
    }

    private record Challenge(int id, byte[] value, TextKeys response) {
    }

    private static Challenge start(ChapAuthenticator chap, String algorithms) throws LoginException {
        TextKeys response = new TextKeys();
        chap.process(new TextKeys().put("CHAP_A", algorithms), response);
        int id = Integer.parseInt(response.get("CHAP_I"));
        String c = response.get("CHAP_C");
        assertTrue(c.startsWith("0x"));
        byte[] challenge = HexFormat.of().parseHex(c.substring(2));
        assertTrue(challenge.length >= 16, "challenge of at least 16 bytes");
        return new Challenge(id, challenge, response);
    }

    @Test
    void md5OneWayKnownAnswer() throws Exception {
        ChapAuthenticator chap = new ChapAuthenticator(ONE_WAY, new SecureRandom());
        Challenge c = start(chap, "5");
        assertEquals("5", c.response().get("CHAP_A"));
        byte[] r = expected("MD5", c.id(), "initiator-secret-16", c.value());
        TextKeys response = new TextKeys();
        chap.process(new TextKeys().put("CHAP_N", "alice").put("CHAP_R", "0x" + HexFormat.of().formatHex(r)),
                response);
        assertTrue(chap.done());
        assertTrue(response.isEmpty(), "no mutual answer when the initiator did not ask");
    }

    @Test
    void base64ResponseIsAccepted() throws Exception {
        ChapAuthenticator chap = new ChapAuthenticator(ONE_WAY, new SecureRandom());
        Challenge c = start(chap, "5");
        byte[] r = expected("MD5", c.id(), "initiator-secret-16", c.value());
        chap.process(new TextKeys().put("CHAP_N", "alice").put("CHAP_R", "0b" + Base64.getEncoder().encodeToString(r)),
                new TextKeys());
        assertTrue(chap.done());
    }

    @Test
    void firstSupportedAlgorithmIsChosen() throws Exception {
        ChapAuthenticator chap = new ChapAuthenticator(ONE_WAY, new SecureRandom());
        Challenge c = start(chap, "99,7,5");
        assertEquals("7", c.response().get("CHAP_A"));
        byte[] r = expected("SHA-256", c.id(), "initiator-secret-16", c.value());
        chap.process(new TextKeys().put("CHAP_N", "alice").put("CHAP_R", "0x" + HexFormat.of().formatHex(r)),
                new TextKeys());
        assertTrue(chap.done());
    }

    @Test
    void sha3IsSupported() throws Exception {
        ChapAuthenticator chap = new ChapAuthenticator(ONE_WAY, new SecureRandom());
        Challenge c = start(chap, "8");
        assertEquals(32, c.value().length);
        byte[] r = expected("SHA3-256", c.id(), "initiator-secret-16", c.value());
        chap.process(new TextKeys().put("CHAP_N", "alice").put("CHAP_R", "0x" + HexFormat.of().formatHex(r)),
                new TextKeys());
        assertTrue(chap.done());
    }

    @Test
    void unsupportedAlgorithmFailsAuthentication() {
        ChapAuthenticator chap = new ChapAuthenticator(ONE_WAY, new SecureRandom());
        LoginException e = assertThrows(LoginException.class, () -> start(chap, "128"));
        assertEquals(LoginStatus.AUTHENTICATION_FAILURE, e.status());
    }

    @Test
    void wrongSecretIsRefused() throws Exception {
        ChapAuthenticator chap = new ChapAuthenticator(ONE_WAY, new SecureRandom());
        Challenge c = start(chap, "5");
        byte[] r = expected("MD5", c.id(), "not-the-secret!!", c.value());
        LoginException e = assertThrows(LoginException.class, () -> chap.process(new TextKeys().put("CHAP_N",
                "alice").put("CHAP_R", "0x" + HexFormat.of().formatHex(r)), new TextKeys()));
        assertEquals(LoginStatus.AUTHENTICATION_FAILURE, e.status());
        assertFalse(chap.done());
    }

    @Test
    void wrongNameIsRefused() throws Exception {
        ChapAuthenticator chap = new ChapAuthenticator(ONE_WAY, new SecureRandom());
        Challenge c = start(chap, "5");
        byte[] r = expected("MD5", c.id(), "initiator-secret-16", c.value());
        LoginException e = assertThrows(LoginException.class, () -> chap.process(new TextKeys().put("CHAP_N",
                "mallory").put("CHAP_R", "0x" + HexFormat.of().formatHex(r)), new TextKeys()));
        assertEquals(LoginStatus.AUTHENTICATION_FAILURE, e.status());
    }

    @Test
    void mutualChapAnswersWithTheMutualSecret() throws Exception {
        ChapAuthenticator chap = new ChapAuthenticator(MUTUAL, new SecureRandom());
        Challenge c = start(chap, "5");
        byte[] r = expected("MD5", c.id(), "initiator-secret-16", c.value());
        byte[] myChallenge = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        TextKeys response = new TextKeys();
        chap.process(new TextKeys().put("CHAP_N", "alice").put("CHAP_R", "0x" + HexFormat.of().formatHex(r))
                .put("CHAP_I", "77").put("CHAP_C", "0x00112233445566778899aabbccddeeff"), response);
        assertTrue(chap.done());
        assertEquals("target-x", response.get("CHAP_N"));
        assertArrayEquals(expected("MD5", 77, "target-secret-1234", myChallenge),
                HexFormat.of().parseHex(response.get("CHAP_R").substring(2)));
    }

    @Test
    void reflectedChallengeIsRefused() throws Exception {
        ChapAuthenticator chap = new ChapAuthenticator(MUTUAL, new SecureRandom());
        Challenge c = start(chap, "5");
        byte[] r = expected("MD5", c.id(), "initiator-secret-16", c.value());
        LoginException e = assertThrows(LoginException.class, () -> chap.process(new TextKeys()
                .put("CHAP_N", "alice").put("CHAP_R", "0x" + HexFormat.of().formatHex(r))
                .put("CHAP_I", Integer.toString(c.id())).put("CHAP_C", "0x" + HexFormat.of().formatHex(c.value())),
                new TextKeys()));
        assertEquals(LoginStatus.AUTHENTICATION_FAILURE, e.status());
    }

    @Test
    void mutualRequestWithoutMutualSecretIsRefused() throws Exception {
        ChapAuthenticator chap = new ChapAuthenticator(ONE_WAY, new SecureRandom());
        Challenge c = start(chap, "5");
        byte[] r = expected("MD5", c.id(), "initiator-secret-16", c.value());
        LoginException e = assertThrows(LoginException.class, () -> chap.process(new TextKeys()
                .put("CHAP_N", "alice").put("CHAP_R", "0x" + HexFormat.of().formatHex(r))
                .put("CHAP_I", "1").put("CHAP_C", "0xdeadbeefdeadbeefdeadbeefdeadbeef"), new TextKeys()));
        assertEquals(LoginStatus.AUTHENTICATION_FAILURE, e.status());
    }
}
