package io.blockhouse.iscsi.login;

import io.blockhouse.iscsi.IscsiSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Negotiates the operational text keys of RFC 7143 section 13 as the responder (and, for keys whose RFC default the
 * target cannot live with, as the proposer). Each key has one result function: min, max, boolean AND / OR, first
 * acceptable value of a list, or a declaration. Malformed or out-of-range values are answered "Reject", keys that
 * make no sense in the context "Irrelevant", unknown keys "NotUnderstood"; negotiating the same key twice in one login
 * fails the login (section 6.2.1 forbids renegotiation).
 */
public final class OperationalNegotiator {
    public static final String NOT_UNDERSTOOD = "NotUnderstood";
    public static final String REJECT = "Reject";
    public static final String IRRELEVANT = "Irrelevant";
    private static final int MAX_SEGMENT = 16777215;

    private final IscsiSettings settings;
    private final SessionParameters params;
    private final boolean discovery;
    private final boolean fullFeature;
    private final Set<String> answered = new HashSet<>();
    private final Set<String> offered = new HashSet<>();

    /**
     * @param fullFeature true for a Text Request in full feature phase, where only per-connection declarations may
     *                    change and everything else negotiable only at login is refused
     */
    public OperationalNegotiator(IscsiSettings settings, SessionParameters params, boolean discovery,
                                 boolean fullFeature) {
        this.settings = settings;
        this.params = params;
        this.discovery = discovery;
        this.fullFeature = fullFeature;
        params.targetMaxRecvDataSegmentLength = settings.maxRecvDataSegmentLength();
    }

    /** Whether {@code key} is one this class handles (operational keys and unknown keys). */
    public static boolean isSecurityKey(String key) {
        return key.equals("AuthMethod") || key.startsWith("CHAP_");
    }

    /**
     * Negotiates one key the initiator sent and appends our answer (if the key needs one) to {@code response}.
     *
     * @throws LoginException when the initiator renegotiates a key within the login
     */
    public void negotiate(String key, String value, TextKeys response) throws LoginException {
        if (offered.contains(key) && !answered.contains(key)) {
            answered.add(key);
            acceptAnswerToOffer(key, value);
            return;
        }
        if (!fullFeature && !answered.add(key)) {
            throw new LoginException(LoginStatus.INITIATOR_ERROR, "key renegotiated during login: " + key);
        }
        String answer = answer(key, value);
        if (answer != null) {
            response.put(key, answer);
        }
    }

    private String answer(String key, String value) {
        if (fullFeature) {
            return answerInFullFeaturePhase(key, value);
        }
        switch (key) {
            case "HeaderDigest":
                return digest(value, settings.headerDigestCrc32c(), true);
            case "DataDigest":
                return digest(value, settings.dataDigestCrc32c(), false);
            case "MaxRecvDataSegmentLength":
                return declareInitiatorMaxRecv(value);
            case "ErrorRecoveryLevel":
                return numeric(value, 0, 2, n -> params.errorRecoveryLevel = Math.min(n, 0), Math::min, 0);
            case "DefaultTime2Wait":
                return numeric(value, 0, 3600, n -> params.defaultTime2Wait = Math.max(n, 2), Math::max, 2);
            case "DefaultTime2Retain":
                // ERL 0: we never keep a failed session's tasks, so 0 is the honest answer.
                return numeric(value, 0, 3600, n -> params.defaultTime2Retain = Math.min(n, 0), Math::min, 0);
            case "IFMarker":
            case "OFMarker":
                return bool(value, b -> { }, false, true);
            case "IFMarkInt":
            case "OFMarkInt":
                return IRRELEVANT;
            case "TaskReporting":
                return firstOf(value, List.of("RFC3720"));
            case "SendTargets":
            case "TargetAlias":
            case "TargetAddress":
            case "TargetPortalGroupTag":
                return IRRELEVANT;
            default:
                break;
        }
        if (isSessionDataKey(key)) {
            if (discovery) {
                return IRRELEVANT;
            }
            return sessionDataKey(key, value);
        }
        return NOT_UNDERSTOOD;
    }

    private static boolean isSessionDataKey(String key) {
        return switch (key) {
            case "MaxConnections", "InitialR2T", "ImmediateData", "MaxBurstLength", "FirstBurstLength",
                    "MaxOutstandingR2T", "DataPDUInOrder", "DataSequenceInOrder" -> true;
            default -> false;
        };
    }

    private String sessionDataKey(String key, String value) {
        switch (key) {
            case "MaxConnections":
                return numeric(value, 1, 65535, n -> params.maxConnections = Math.min(n, 1), Math::min, 1);
            case "InitialR2T":
                return bool(value, b -> params.initialR2T = b, settings.initialR2T(), false);
            case "ImmediateData":
                return bool(value, b -> params.immediateData = b, settings.immediateData(), true);
            case "MaxBurstLength":
                return numeric(value, 512, MAX_SEGMENT, n -> {
                    params.maxBurstLength = Math.min(n, settings.maxBurstLength());
                    params.firstBurstLength = Math.min(params.firstBurstLength, params.maxBurstLength);
                }, Math::min, settings.maxBurstLength());
            case "FirstBurstLength":
                if (params.initialR2T && !params.immediateData) {
                    return IRRELEVANT;
                }
                return numeric(value, 512, MAX_SEGMENT,
                        n -> params.firstBurstLength = Math.min(Math.min(n, settings.firstBurstLength()),
                                params.maxBurstLength),
                        (a, b) -> Math.min(Math.min(a, b), params.maxBurstLength), settings.firstBurstLength());
            case "MaxOutstandingR2T":
                return numeric(value, 1, 65535, n -> params.maxOutstandingR2T = Math.min(n,
                        settings.maxOutstandingR2T()), Math::min, settings.maxOutstandingR2T());
            case "DataPDUInOrder":
                // We reassemble by offset but validate strictly in order; OR with our Yes keeps it Yes.
                return bool(value, b -> params.dataPduInOrder = true, true, false);
            case "DataSequenceInOrder":
                return bool(value, b -> params.dataSequenceInOrder = true, true, false);
            default:
                return NOT_UNDERSTOOD;
        }
    }

    private String answerInFullFeaturePhase(String key, String value) {
        if (key.equals("MaxRecvDataSegmentLength")) {
            return declareInitiatorMaxRecv(value);
        }
        if (isSessionDataKey(key) || isKnownLoginOnlyKey(key)) {
            return REJECT;
        }
        return NOT_UNDERSTOOD;
    }

    private static boolean isKnownLoginOnlyKey(String key) {
        return switch (key) {
            case "HeaderDigest", "DataDigest", "ErrorRecoveryLevel", "DefaultTime2Wait", "DefaultTime2Retain",
                    "IFMarker", "OFMarker", "IFMarkInt", "OFMarkInt", "TaskReporting", "SessionType",
                    "InitiatorName", "TargetName", "InitiatorAlias", "TargetAlias", "TargetPortalGroupTag",
                    "AuthMethod" -> true;
            default -> key.startsWith("CHAP_");
        };
    }

    private String declareInitiatorMaxRecv(String value) {
        Integer n = parseNumber(value);
        if (n == null || n < 512 || n > MAX_SEGMENT) {
            return REJECT;
        }
        params.initiatorMaxRecvDataSegmentLength = n;
        // Declarative: no answer. Our own declaration is sent by the login handler.
        return null;
    }

    private String digest(String value, boolean crcAllowed, boolean header) {
        for (String choice : value.split(",")) {
            if (choice.equals("None")) {
                set(header, false);
                return "None";
            }
            if (choice.equals("CRC32C") && crcAllowed) {
                set(header, true);
                return "CRC32C";
            }
        }
        return REJECT;
    }

    private void set(boolean header, boolean crc) {
        if (header) {
            params.headerDigest = crc;
        } else {
            params.dataDigest = crc;
        }
    }

    private static String firstOf(String value, List<String> supported) {
        for (String choice : value.split(",")) {
            if (supported.contains(choice)) {
                return choice;
            }
        }
        return REJECT;
    }

    private interface IntSink {
        void accept(int n);
    }

    private interface BoolSink {
        void accept(boolean b);
    }

    private interface Combine {
        int apply(int theirs, int ours);
    }

    private static String numeric(String value, int min, int max, IntSink sink, Combine combine, int ours) {
        Integer n = parseNumber(value);
        if (n == null || n < min || n > max) {
            return REJECT;
        }
        sink.accept(n);
        return Integer.toString(combine.apply(n, ours));
    }

    /** Boolean keys: {@code and} selects AND (else OR) as the result function. */
    private static String bool(String value, BoolSink sink, boolean ours, boolean and) {
        boolean theirs;
        if (value.equals("Yes")) {
            theirs = true;
        } else if (value.equals("No")) {
            theirs = false;
        } else {
            return REJECT;
        }
        boolean result = and ? theirs && ours : theirs || ours;
        sink.accept(result);
        return result ? "Yes" : "No";
    }

    /** Decimal or 0x-hex numbers up to 2^31-1, as RFC 7143 section 6.1 allows for numerical values. */
    static Integer parseNumber(String value) {
        try {
            long n;
            if (value.startsWith("0x") || value.startsWith("0X")) {
                String digits = value.substring(2);
                // Long.parseLong accepts a sign, which RFC 7143 section 6.1 numbers never have ("0x-5" is -5).
                if (digits.isEmpty() || Character.digit(digits.charAt(0), 16) < 0) {
                    return null;
                }
                n = Long.parseLong(digits, 16);
            } else {
                if (value.isEmpty() || !value.chars().allMatch(Character::isDigit) || value.length() > 10) {
                    return null;
                }
                n = Long.parseLong(value);
            }
            return n > Integer.MAX_VALUE ? null : (int) n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Keys the target has to propose itself because the initiator did not mention them and their RFC default is
     * not acceptable to us. Called once, when the initiator asks to leave operational negotiation.
     */
    public TextKeys targetOffers() {
        TextKeys offers = new TextKeys();
        if (discovery || fullFeature) {
            return offers;
        }
        offerIf(offers, "ImmediateData", !settings.immediateData() && params.immediateData, "No");
        offerIf(offers, "InitialR2T", settings.initialR2T() && !params.initialR2T, "Yes");
        offerIf(offers, "MaxBurstLength", settings.maxBurstLength() < params.maxBurstLength,
                Integer.toString(settings.maxBurstLength()));
        offerIf(offers, "FirstBurstLength", settings.firstBurstLength() < params.firstBurstLength,
                Integer.toString(Math.min(settings.firstBurstLength(), settings.maxBurstLength())));
        offerIf(offers, "MaxOutstandingR2T", settings.maxOutstandingR2T() < params.maxOutstandingR2T,
                Integer.toString(settings.maxOutstandingR2T()));
        return offers;
    }

    private void offerIf(TextKeys offers, String key, boolean needed, String value) {
        if (needed && !answered.contains(key) && !offered.contains(key)) {
            offered.add(key);
            offers.put(key, value);
        }
    }

    /** True while the initiator still owes answers to our offers. */
    public boolean awaitingAnswers() {
        for (String key : offered) {
            if (!answered.contains(key)) {
                return true;
            }
        }
        return false;
    }

    private void acceptAnswerToOffer(String key, String value) {
        // The result must follow the key's function applied to our offer; recompute it rather than trust it.
        switch (key) {
            case "ImmediateData" -> params.immediateData = false;
            case "InitialR2T" -> params.initialR2T = true;
            case "MaxBurstLength" -> {
                Integer n = parseNumber(value);
                params.maxBurstLength = n == null ? settings.maxBurstLength()
                        : Math.max(512, Math.min(n, settings.maxBurstLength()));
                params.firstBurstLength = Math.min(params.firstBurstLength, params.maxBurstLength);
            }
            case "FirstBurstLength" -> {
                Integer n = parseNumber(value);
                int cap = Math.min(settings.firstBurstLength(), params.maxBurstLength);
                params.firstBurstLength = n == null ? cap : Math.max(512, Math.min(n, cap));
            }
            case "MaxOutstandingR2T" -> {
                Integer n = parseNumber(value);
                params.maxOutstandingR2T = n == null ? settings.maxOutstandingR2T()
                        : Math.max(1, Math.min(n, settings.maxOutstandingR2T()));
            }
            default -> {
            }
        }
    }

    public SessionParameters parameters() {
        return params;
    }
}
