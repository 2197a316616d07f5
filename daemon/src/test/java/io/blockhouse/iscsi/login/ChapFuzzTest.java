package io.blockhouse.iscsi.login;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.blockhouse.iscsi.ChapCredentials;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the target side of CHAP ({@link ChapAuthenticator}) with hostile CHAP_A, CHAP_N, CHAP_R, CHAP_I and CHAP_C
 * values. Invariants: the only failure is a {@link LoginException} with an authentication or initiator error status;
 * authentication succeeds only when CHAP_N and CHAP_R are the ones the secret gives; a mutual answer is exactly
 * H(CHAP_I, mutual secret, CHAP_C) and never answers our own challenge reflected back.
 */
class ChapFuzzTest {
    private static final ChapCredentials ONE_WAY = new ChapCredentials("alice", "initiator-secret-16", null, null);
    private static final ChapCredentials MUTUAL = new ChapCredentials("alice", "initiator-secret-16", "target-x",
            "target-secret-1234");
    private static final int AUTH_FAILURE = LoginStatus.AUTHENTICATION_FAILURE;
    private static final int INITIATOR_ERROR = LoginStatus.INITIATOR_ERROR;

    @FuzzTest(maxDuration = "20s")
    void chap(FuzzedDataProvider data) {
        ChapCredentials credentials = data.consumeBoolean() ? MUTUAL : ONE_WAY;
        ChapAuthenticator chap = new ChapAuthenticator(credentials, new SecureRandom());
        boolean answerCorrectly = data.consumeBoolean();
        boolean reflect = data.consumeBoolean();
        String algorithms = data.consumeString(32);

        TextKeys first = new TextKeys();
        if (data.consumeBoolean()) {
            first.put("CHAP_A", algorithms);
        }
        addHostileKeys(data, first);
        TextKeys challenge = new TextKeys();
        if (!step(chap, first, challenge)) {
            return;
        }
        if (!challenge.contains("CHAP_C")) {
            assertFalse(chap.done(), "no challenge sent, nothing authenticated");
            return;
        }
        ChapAlgorithm algorithm = ChapAlgorithm.fromCode(challenge.get("CHAP_A"));
        assertNotNull(algorithm, "we answer only with an algorithm we support");
        int id = Integer.parseInt(challenge.get("CHAP_I"));
        byte[] ourChallenge = HexFormat.of().parseHex(challenge.get("CHAP_C").substring(2));

        TextKeys second = new TextKeys();
        String name = answerCorrectly ? credentials.user() : data.consumeString(64);
        second.put("CHAP_N", name);
        byte[] expected = algorithm.response(id, bytes(credentials.secret()), ourChallenge);
        String response = answerCorrectly ? BinaryValue.hex(expected) : data.consumeString(300);
        second.put("CHAP_R", response);
        if (reflect) {
            second.put("CHAP_I", Integer.toString(id));
            second.put("CHAP_C", challenge.get("CHAP_C"));
        }
        addHostileKeys(data, second);
        TextKeys answer = new TextKeys();
        if (!step(chap, second, answer)) {
            return;
        }
        if (!chap.done()) {
            return;
        }
        // Authenticated: then the name and the response must really be the ones the secret gives.
        assertEquals(credentials.user(), name, "authenticated under the configured name only");
        assertArrayEquals(expected, BinaryValue.decode(response), "authenticated with the right response only");
        if (answer.contains("CHAP_R")) {
            assertTrue(credentials.mutual(), "a mutual answer only with a mutual secret");
            String theirChallenge = second.get("CHAP_C");
            byte[] challengeBytes = BinaryValue.decode(theirChallenge);
            assertFalse(java.util.Arrays.equals(challengeBytes, ourChallenge), "reflected challenge answered");
            int theirId = OperationalNegotiator.parseNumber(second.get("CHAP_I"));
            assertTrue(theirId >= 0 && theirId <= 255, () -> "CHAP_I out of range accepted: " + second.get("CHAP_I"));
            assertArrayEquals(algorithm.response(theirId, bytes(credentials.mutualSecret()), challengeBytes),
                    BinaryValue.decode(answer.get("CHAP_R")), "mutual response");
            assertEquals(credentials.mutualUser(), answer.get("CHAP_N"));
        }
    }

    /** Found by reading the fuzz target's invariant: "0x-5" parsed as CHAP_I -5 and was answered. */
    @Test
    void signedHexIdentifierIsRefused() throws LoginException {
        ChapAuthenticator chap = new ChapAuthenticator(MUTUAL, new SecureRandom());
        TextKeys challenge = new TextKeys();
        chap.process(new TextKeys().put("CHAP_A", "5"), challenge);
        int id = Integer.parseInt(challenge.get("CHAP_I"));
        byte[] ours = HexFormat.of().parseHex(challenge.get("CHAP_C").substring(2));
        TextKeys answer = new TextKeys().put("CHAP_N", "alice")
                .put("CHAP_R", BinaryValue.hex(ChapAlgorithm.MD5.response(id, bytes(MUTUAL.secret()), ours)))
                .put("CHAP_I", "0x-5").put("CHAP_C", "0x0102030405060708090a0b0c0d0e0f10");
        LoginException e = assertThrows(LoginException.class, () -> chap.process(answer, new TextKeys()));
        assertEquals(INITIATOR_ERROR, e.status());
        assertFalse(chap.done());
    }

    /** Hostile values for the CHAP keys the initiator may add (mutual CHAP, repeated or early keys). */
    private static void addHostileKeys(FuzzedDataProvider data, TextKeys request) {
        int count = data.consumeInt(0, 3);
        for (int i = 0; i < count; i++) {
            String key = data.pickValue(new String[] {"CHAP_I", "CHAP_C", "CHAP_A", "CHAP_N", "CHAP_R", "CHAP_X"});
            if (!request.contains(key)) {
                request.put(key, data.consumeString(300));
            }
        }
    }

    /** One request; false when the authenticator refused it (then with one of the two documented statuses). */
    private static boolean step(ChapAuthenticator chap, TextKeys request, TextKeys response) {
        try {
            chap.process(request, response);
            return true;
        } catch (LoginException e) {
            assertTrue(e.status() == AUTH_FAILURE || e.status() == INITIATOR_ERROR,
                    () -> "status 0x" + Integer.toHexString(e.status()));
            assertFalse(chap.done(), "a refused login is not authenticated");
            return false;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
