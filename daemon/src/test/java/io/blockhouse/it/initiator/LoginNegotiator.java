package io.blockhouse.it.initiator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Drives one login phase (RFC 7143 sections 6 and 11.12-11.13) on a fresh connection: security stage (AuthMethod
 * None or CHAP-MD5, one-way or mutual), operational stage, transition to full feature phase. Checks the target's
 * answers against the negotiation rules so that a target that answers wrongly fails the test instead of slipping
 * through.
 */
final class LoginNegotiator {

    private static final int SECURITY = 0;
    private static final int OPERATIONAL = 1;
    private static final int FULL_FEATURE = 3;
    private static final int MAX_ROUNDS = 16;

    /** Keys a target declares; they need no answer. */
    private static final Set<String> DECLARATIVE = Set.of("MaxRecvDataSegmentLength", "TargetAlias",
            "TargetPortalGroupTag", "TargetAddress", "TargetName", "InitiatorAlias");
    private static final Set<String> MIN_KEYS = Set.of("FirstBurstLength", "MaxBurstLength", "MaxOutstandingR2T",
            "MaxConnections", "ErrorRecoveryLevel", "DefaultTime2Retain");
    private static final Set<String> MAX_KEYS = Set.of("DefaultTime2Wait");
    private static final Set<String> AND_KEYS = Set.of("ImmediateData", "IFMarker", "OFMarker");
    private static final Set<String> OR_KEYS = Set.of("InitialR2T", "DataPDUInOrder", "DataSequenceInOrder");
    private static final Set<String> NON_ANSWERS = Set.of("Reject", "Irrelevant", "NotUnderstood");

    private final IscsiConnection connection;
    private final LoginOptions options;
    private final int itt;
    private final int cmdSn;
    private final int cid;
    private long expStatSn;
    private boolean statSnKnown;
    private final Map<String, String> targetKeys = new LinkedHashMap<>();
    private Pdu lastResponse;

    LoginNegotiator(IscsiConnection connection, LoginOptions options, int itt, int cmdSn, int cid) {
        this.connection = connection;
        this.options = options;
        this.itt = itt;
        this.cmdSn = cmdSn;
        this.cid = cid;
    }

    /** Result of a completed login. */
    record Result(NegotiatedParameters parameters, int tsih, long nextExpStatSn, long expCmdSn, long maxCmdSn) {
    }

    Result login() throws IOException {
        Map<String, String> leading = new LinkedHashMap<>();
        leading.put("InitiatorName", options.initiatorName());
        leading.put("SessionType", options.discovery() ? "Discovery" : "Normal");
        if (!options.discovery()) {
            leading.put("TargetName", options.targetName());
        }
        if (options.chap() != null) {
            chapSecurityStage(leading);
        } else {
            leading.put("AuthMethod", "None");
            Pdu response = exchange(SECURITY, true, OPERATIONAL, leading);
            if (!transits(response)) {
                throw new LoginException("target did not accept AuthMethod=None (answered "
                        + targetKeys.get("AuthMethod") + ", T bit clear)");
            }
            expectNextStage(response, OPERATIONAL);
        }
        return operationalStage();
    }

    private void chapSecurityStage(Map<String, String> leading) throws IOException {
        leading.put("AuthMethod", "CHAP");
        Map<String, String> answer = keysOf(exchange(SECURITY, false, OPERATIONAL, leading));
        if (!"CHAP".equals(answer.get("AuthMethod"))) {
            throw new LoginException("target answered AuthMethod=" + answer.get("AuthMethod") + " to CHAP");
        }
        answer = keysOf(exchange(SECURITY, false, OPERATIONAL, Map.of("CHAP_A", Chap.ALGORITHM_MD5)));
        if (!Chap.ALGORITHM_MD5.equals(answer.get("CHAP_A"))) {
            throw new LoginException("target answered CHAP_A=" + answer.get("CHAP_A") + " to CHAP_A=5");
        }
        int identifier = parseIdentifier(answer.get("CHAP_I"));
        byte[] challenge = Chap.decode(required(answer, "CHAP_C"));
        Map<String, String> proof = new LinkedHashMap<>();
        proof.put("CHAP_N", options.chap().user());
        proof.put("CHAP_R", Chap.encode(Chap.response(identifier, options.chap().secret(), challenge)));
        int ourIdentifier = Chap.identifier();
        byte[] ourChallenge = Chap.challenge(16);
        ChapSecret mutual = options.mutualChap();
        if (mutual != null) {
            proof.put("CHAP_I", Integer.toString(ourIdentifier));
            proof.put("CHAP_C", Chap.encode(ourChallenge));
        }
        Pdu response = exchange(SECURITY, true, OPERATIONAL, proof);
        if (mutual != null) {
            verifyTargetProof(keysOf(response), mutual, ourIdentifier, ourChallenge);
        }
        for (int round = 0; !transits(response); round++) {
            if (round == MAX_ROUNDS) {
                throw new LoginException("target never left the security stage after CHAP");
            }
            response = exchange(SECURITY, true, OPERATIONAL, Map.of());
        }
        expectNextStage(response, OPERATIONAL);
    }

    private static void verifyTargetProof(Map<String, String> answer, ChapSecret mutual, int identifier,
                                          byte[] challenge) throws IscsiProtocolException {
        String name = answer.get("CHAP_N");
        String proof = answer.get("CHAP_R");
        if (name == null || proof == null) {
            throw new LoginException("target did not answer the mutual CHAP challenge: " + answer);
        }
        if (mutual.user() != null && !mutual.user().equals(name)) {
            throw new LoginException("target authenticated as '" + name + "', expected '" + mutual.user() + "'");
        }
        byte[] expected = Chap.response(identifier, mutual.secret(), challenge);
        if (!MessageDigest.isEqual(expected, Chap.decode(proof))) {
            throw new LoginException("target failed mutual CHAP: wrong CHAP_R");
        }
    }

    private Result operationalStage() throws IOException {
        Map<String, String> proposals = operationalProposals();
        Map<String, String> results = new LinkedHashMap<>();
        Map<String, String> toSend = new LinkedHashMap<>(proposals);
        for (int round = 0; ; round++) {
            if (round == MAX_ROUNDS) {
                throw new LoginException("operational negotiation did not converge");
            }
            Pdu response = exchange(OPERATIONAL, true, FULL_FEATURE, toSend);
            toSend = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : keysOf(response).entrySet()) {
                String key = e.getKey();
                if (proposals.containsKey(key)) {
                    checkAnswer(key, proposals.get(key), e.getValue());
                    results.put(key, e.getValue());
                } else if (!DECLARATIVE.contains(key) && !results.containsKey(key)) {
                    String reply = reply(key, e.getValue());
                    toSend.put(key, reply);
                    results.put(key, reply);
                }
            }
            if (transits(response)) {
                expectNextStage(response, FULL_FEATURE);
                if (!toSend.isEmpty()) {
                    throw new LoginException("target transited while proposing keys " + toSend.keySet());
                }
                break;
            }
        }
        int tsih = lastResponse.shortAt(14);
        if (!options.discovery() && tsih == 0) {
            throw new LoginException("final login response carries TSIH 0");
        }
        return new Result(parameters(results), tsih, expStatSn, lastResponse.uintAt(28), lastResponse.uintAt(32));
    }

    private Map<String, String> operationalProposals() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("HeaderDigest", options.headerDigest());
        keys.put("DataDigest", options.dataDigest());
        keys.put("MaxRecvDataSegmentLength", Integer.toString(options.maxRecvDataSegmentLength()));
        if (!options.discovery()) {
            keys.put("InitialR2T", yesNo(options.initialR2T()));
            keys.put("ImmediateData", yesNo(options.immediateData()));
            keys.put("FirstBurstLength", Integer.toString(options.firstBurstLength()));
            keys.put("MaxBurstLength", Integer.toString(options.maxBurstLength()));
            keys.put("MaxOutstandingR2T", "1");
            keys.put("MaxConnections", "1");
            keys.put("DataPDUInOrder", "Yes");
            keys.put("DataSequenceInOrder", "Yes");
            keys.put("ErrorRecoveryLevel", "0");
        }
        keys.put("DefaultTime2Wait", "2");
        keys.put("DefaultTime2Retain", "0");
        keys.putAll(options.extraKeys());
        return keys;
    }

    /** Fails when the target's answer is not a legal outcome of our proposal. */
    private static void checkAnswer(String key, String proposed, String answer) throws LoginException {
        if (NON_ANSWERS.contains(answer) || "MaxRecvDataSegmentLength".equals(key)) {
            return;
        }
        boolean legal;
        if (key.equals("HeaderDigest") || key.equals("DataDigest")) {
            legal = Arrays.stream(proposed.split(",")).anyMatch(v -> v.equalsIgnoreCase(answer));
        } else if (MIN_KEYS.contains(key)) {
            legal = parseNumber(answer) <= parseNumber(proposed);
        } else if (MAX_KEYS.contains(key)) {
            legal = parseNumber(answer) >= parseNumber(proposed);
        } else if (AND_KEYS.contains(key)) {
            legal = proposed.equals("Yes") || answer.equals("No");
        } else if (OR_KEYS.contains(key)) {
            legal = proposed.equals("No") || answer.equals("Yes");
        } else {
            legal = true;
        }
        if (!legal) {
            throw new LoginException("target answered " + key + "=" + answer + " to our " + key + "=" + proposed);
        }
    }

    /** Our answer to a key the target proposed first, following each key's result function. */
    private static String reply(String key, String offered) {
        if (key.equals("HeaderDigest") || key.equals("DataDigest")) {
            List<String> values = Arrays.asList(offered.split(","));
            return values.stream().filter(v -> v.equals("None") || v.equals("CRC32C")).findFirst().orElse("Reject");
        }
        if (MIN_KEYS.contains(key) || MAX_KEYS.contains(key)) {
            return offered.matches("\\d{1,9}") ? offered : "Reject";
        }
        if (AND_KEYS.contains(key)) {
            return "No";
        }
        if (OR_KEYS.contains(key)) {
            return "Yes";
        }
        return "NotUnderstood";
    }

    private NegotiatedParameters parameters(Map<String, String> r) {
        boolean normal = !options.discovery();
        return new NegotiatedParameters(
                "CRC32C".equalsIgnoreCase(r.get("HeaderDigest")),
                "CRC32C".equalsIgnoreCase(r.get("DataDigest")),
                number(targetKeys.get("MaxRecvDataSegmentLength"), 8192),
                options.maxRecvDataSegmentLength(),
                normal && bool(r.get("ImmediateData"), true),
                !normal || bool(r.get("InitialR2T"), true),
                number(r.get("FirstBurstLength"), 65536),
                number(r.get("MaxBurstLength"), 262144),
                number(r.get("MaxOutstandingR2T"), 1),
                number(r.get("ErrorRecoveryLevel"), 0),
                Map.copyOf(targetKeys));
    }

    /**
     * Sends one Login Request and returns the (reassembled, if the target used the C bit) Login Response, after
     * checking status and stage.
     */
    private Pdu exchange(int csg, boolean transit, int nsg, Map<String, String> keys) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Pdu response = sendAndReceive(csg, transit, nsg, TextKeys.encode(keys));
        text.writeBytes(response.data());
        for (int round = 0; (response.flags() & 0x40) != 0; round++) {
            if (round == MAX_ROUNDS) {
                throw new LoginException("target kept the C bit set for too long");
            }
            response = sendAndReceive(csg, false, 0, new byte[0]);
            text.writeBytes(response.data());
        }
        response.data(text.toByteArray());
        targetKeys.putAll(TextKeys.decode(response.data()));
        lastResponse = response;
        return response;
    }

    private Pdu sendAndReceive(int csg, boolean transit, int nsg, byte[] data) throws IOException {
        Pdu request = Pdu.of(Opcodes.LOGIN_REQUEST, true)
                .flags((transit ? 0x80 : 0) | (csg << 2) | (transit ? nsg : 0))
                .bytesAt(8, options.isid())
                .initiatorTaskTag(itt)
                .shortAt(20, cid)
                .intAt(24, cmdSn)
                .intAt(28, (int) expStatSn)
                .data(data);
        connection.send(request);
        Pdu response = connection.receive();
        if (response.opcode() == Opcodes.REJECT) {
            throw new LoginException("target rejected a Login Request, reason 0x"
                    + Integer.toHexString(response.byteAt(2)));
        }
        if (response.opcode() != Opcodes.LOGIN_RESPONSE) {
            throw new LoginException("expected a Login Response, got " + response);
        }
        int statusClass = response.byteAt(36);
        int statusDetail = response.byteAt(37);
        if (statusClass != 0) {
            throw new LoginException(String.format("login refused: status 0x%02x%02x", statusClass, statusDetail),
                    statusClass, statusDetail);
        }
        if (response.initiatorTaskTag() != itt) {
            throw new LoginException("Login Response for ITT 0x" + Integer.toHexString(response.initiatorTaskTag()));
        }
        if (response.byteAt(3) != 0) {
            throw new LoginException("target chose unsupported Version-active " + response.byteAt(3));
        }
        int responseCsg = (response.flags() >> 2) & 3;
        if (responseCsg != csg) {
            throw new LoginException("Login Response in stage " + responseCsg + " to a request in stage " + csg);
        }
        long statSn = response.uintAt(24);
        if (statSnKnown && statSn != expStatSn) {
            throw new LoginException("Login Response StatSN " + statSn + ", expected " + expStatSn);
        }
        expStatSn = (statSn + 1) & 0xffffffffL;
        statSnKnown = true;
        return response;
    }

    private static boolean transits(Pdu response) {
        return (response.flags() & 0x80) != 0;
    }

    private static void expectNextStage(Pdu response, int stage) throws LoginException {
        int nsg = response.flags() & 3;
        if (nsg != stage) {
            throw new LoginException("target transited to stage " + nsg + " instead of " + stage);
        }
    }

    private static Map<String, String> keysOf(Pdu response) throws IscsiProtocolException {
        return TextKeys.decode(response.data());
    }

    private static String required(Map<String, String> keys, String key) throws LoginException {
        String value = keys.get(key);
        if (value == null) {
            throw new LoginException("target omitted " + key + ": " + keys);
        }
        return value;
    }

    private static int parseIdentifier(String value) throws LoginException {
        if (value == null) {
            throw new LoginException("target omitted CHAP_I");
        }
        try {
            int id = value.toLowerCase(Locale.ROOT).startsWith("0x") ? Integer.parseInt(value.substring(2), 16)
                    : Integer.parseInt(value);
            if (id < 0 || id > 255) {
                throw new LoginException("CHAP_I out of range: " + value);
            }
            return id;
        } catch (NumberFormatException e) {
            throw new LoginException("bad CHAP_I: " + value);
        }
    }

    private static long parseNumber(String value) throws LoginException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new LoginException("expected a number, got '" + value + "'");
        }
    }

    private static int number(String value, int fallback) {
        if (value == null || !value.matches("\\d{1,9}")) {
            return fallback;
        }
        return Integer.parseInt(value);
    }

    private static boolean bool(String value, boolean fallback) {
        if ("Yes".equals(value)) {
            return true;
        }
        if ("No".equals(value)) {
            return false;
        }
        return fallback;
    }

    private static String yesNo(boolean value) {
        return value ? "Yes" : "No";
    }
}
