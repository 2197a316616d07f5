package io.blockhouse.iscsi.login;

import io.blockhouse.iscsi.ChapCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The target side of CHAP (RFC 1994 as profiled by RFC 7143 section 12.1.3), one instance per login.
 *
 * <ol>
 *   <li>The initiator offers CHAP_A; we pick the first algorithm we support and answer CHAP_A, CHAP_I, CHAP_C.</li>
 *   <li>The initiator answers CHAP_N and CHAP_R, and for mutual CHAP adds its own CHAP_I and CHAP_C.</li>
 *   <li>We verify CHAP_R against the configured secret; for mutual CHAP we refuse a reflected challenge or missing
 *       mutual credentials, else answer CHAP_N and CHAP_R computed from the mutual secret.</li>
 * </ol>
 */
public final class ChapAuthenticator {
    private enum State { WAIT_ALGORITHM, WAIT_RESPONSE, DONE }

    private final ChapCredentials credentials;
    private final SecureRandom random;
    private State state = State.WAIT_ALGORITHM;
    private ChapAlgorithm algorithm;
    private int identifier;
    private byte[] challenge;

    public ChapAuthenticator(ChapCredentials credentials, SecureRandom random) {
        this.credentials = credentials;
        this.random = random;
    }

    public boolean done() {
        return state == State.DONE;
    }

    /**
     * Consumes the CHAP keys of one request and adds our answer to {@code response}.
     *
     * @throws LoginException with authentication failure for wrong secrets, names, algorithms or reflection, and
     *                        initiator error for keys out of sequence
     */
    public void process(TextKeys request, TextKeys response) throws LoginException {
        if (state == State.WAIT_ALGORITHM) {
            if (!request.contains("CHAP_A")) {
                if (hasAnyChapKey(request)) {
                    throw new LoginException(LoginStatus.INITIATOR_ERROR, "CHAP keys before CHAP_A");
                }
                return;
            }
            chooseAlgorithm(request.get("CHAP_A"), response);
            return;
        }
        if (state == State.WAIT_RESPONSE) {
            if (!request.contains("CHAP_N") || !request.contains("CHAP_R")) {
                if (hasAnyChapKey(request)) {
                    throw new LoginException(LoginStatus.INITIATOR_ERROR, "expected CHAP_N and CHAP_R");
                }
                return;
            }
            verify(request, response);
            return;
        }
        if (hasAnyChapKey(request)) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, "CHAP keys after authentication completed");
        }
    }

    private static boolean hasAnyChapKey(TextKeys request) {
        return request.keys().stream().anyMatch(k -> k.startsWith("CHAP_"));
    }

    private void chooseAlgorithm(String offered, TextKeys response) throws LoginException {
        for (String code : offered.split(",")) {
            ChapAlgorithm a = ChapAlgorithm.fromCode(code);
            if (a != null) {
                algorithm = a;
                break;
            }
        }
        if (algorithm == null) {
            throw new LoginException(LoginStatus.AUTHENTICATION_FAILURE, "no supported CHAP_A in " + offered);
        }
        identifier = random.nextInt(256);
        challenge = new byte[Math.max(16, algorithm.digestLength())];
        random.nextBytes(challenge);
        response.put("CHAP_A", Integer.toString(algorithm.code()));
        response.put("CHAP_I", Integer.toString(identifier));
        response.put("CHAP_C", BinaryValue.hex(challenge));
        state = State.WAIT_RESPONSE;
    }

    private void verify(TextKeys request, TextKeys response) throws LoginException {
        String name = request.get("CHAP_N");
        byte[] received = decode(request.get("CHAP_R"), "CHAP_R");
        byte[] expected = algorithm.response(identifier, bytes(credentials.secret()), challenge);
        boolean nameOk = MessageDigest.isEqual(bytes(name), bytes(credentials.user()));
        boolean responseOk = MessageDigest.isEqual(received, expected);
        if (!nameOk || !responseOk) {
            throw new LoginException(LoginStatus.AUTHENTICATION_FAILURE,
                    "CHAP " + (nameOk ? "response" : "name '" + name + "'") + " does not match");
        }
        String initiatorId = request.get("CHAP_I");
        String initiatorChallenge = request.get("CHAP_C");
        if (initiatorId != null || initiatorChallenge != null) {
            answerMutual(initiatorId, initiatorChallenge, response);
        }
        state = State.DONE;
    }

    private void answerMutual(String idValue, String challengeValue, TextKeys response) throws LoginException {
        if (idValue == null || challengeValue == null) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, "mutual CHAP needs both CHAP_I and CHAP_C");
        }
        if (!credentials.mutual() || credentials.mutualSecret() == null) {
            throw new LoginException(LoginStatus.AUTHENTICATION_FAILURE,
                    "initiator asked for mutual CHAP but no mutual secret is configured");
        }
        Integer id = OperationalNegotiator.parseNumber(idValue);
        if (id == null || id > 255) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, "bad CHAP_I " + idValue);
        }
        byte[] theirChallenge = decode(challengeValue, "CHAP_C");
        if (MessageDigest.isEqual(theirChallenge, challenge)) {
            throw new LoginException(LoginStatus.AUTHENTICATION_FAILURE, "initiator reflected our CHAP challenge");
        }
        if (theirChallenge.length == 0 || theirChallenge.length > 1024) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, "CHAP_C length " + theirChallenge.length);
        }
        byte[] answer = algorithm.response(id, bytes(credentials.mutualSecret()), theirChallenge);
        response.put("CHAP_N", credentials.mutualUser());
        response.put("CHAP_R", BinaryValue.hex(answer));
    }

    private static byte[] decode(String value, String key) throws LoginException {
        try {
            return BinaryValue.decode(value);
        } catch (IllegalArgumentException e) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, key + ": " + e.getMessage());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
