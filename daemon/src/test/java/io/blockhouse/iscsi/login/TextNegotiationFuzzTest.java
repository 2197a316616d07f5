package io.blockhouse.iscsi.login;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.blockhouse.iscsi.IscsiSettings;
import java.util.Arrays;
import java.util.Map;

/**
 * Fuzzes the text-key parser ({@link TextKeys#parse}) and operational negotiation ({@link OperationalNegotiator}):
 * any data segment either fails with {@link TextFormatException}, or every pair is negotiated, each one answered or
 * refused with {@link LoginException}; nothing else may escape, and what we answer must itself be well-formed text
 * that parses back to the same pairs.
 *
 * <p>Input layout: byte 0 bit 0 = discovery session, bit 1 = full feature phase (a Text Request), bit 2 = a second
 * request on the same negotiator; the rest is the data segment (a second request starts after the first 0xFF byte).
 */
class TextNegotiationFuzzTest {
    private static final int MAX_SEGMENT = 16 * 1024;

    @FuzzTest(maxDuration = "20s")
    void negotiate(byte[] input) {
        if (input.length < 1 || input.length > MAX_SEGMENT) {
            return;
        }
        boolean discovery = (input[0] & 1) != 0;
        boolean fullFeature = (input[0] & 2) != 0;
        byte[] segment = Arrays.copyOfRange(input, 1, input.length);
        byte[][] requests = {segment};
        if ((input[0] & 4) != 0) {
            int split = indexOf(segment, (byte) 0xff);
            if (split >= 0) {
                requests = new byte[][] {Arrays.copyOfRange(segment, 0, split),
                        Arrays.copyOfRange(segment, split + 1, segment.length)};
            }
        }
        OperationalNegotiator negotiator = new OperationalNegotiator(IscsiSettings.defaults(),
                new SessionParameters(), discovery, fullFeature);
        for (byte[] request : requests) {
            if (!negotiateOne(negotiator, request)) {
                return;
            }
        }
        assertNotNull(negotiator.parameters());
        TextKeys offers = negotiator.targetOffers();
        assertRoundTrips(offers);
    }

    /** Returns false when the request was refused (the login would end there). */
    private static boolean negotiateOne(OperationalNegotiator negotiator, byte[] request) {
        TextKeys keys;
        try {
            keys = TextKeys.parse(request);
        } catch (TextFormatException refused) {
            return false;
        }
        TextKeys response = new TextKeys();
        for (Map.Entry<String, String> pair : keys.asMap().entrySet()) {
            assertFalse(pair.getKey().isEmpty(), "parsed keys are never empty");
            if (OperationalNegotiator.isSecurityKey(pair.getKey())) {
                continue;
            }
            try {
                negotiator.negotiate(pair.getKey(), pair.getValue(), response);
            } catch (LoginException refused) {
                assertTrue(refused.status() != 0, "a refusal names a failure status");
                return false;
            }
        }
        assertRoundTrips(response);
        return true;
    }

    /** What the target sends must parse back to exactly the same pairs. */
    private static void assertRoundTrips(TextKeys sent) {
        try {
            TextKeys back = TextKeys.parse(sent.toBytes());
            assertTrue(back.asMap().equals(sent.asMap()), () -> "answer does not parse back: " + sent);
        } catch (TextFormatException e) {
            throw new AssertionError("target would send malformed text " + sent, e);
        }
    }

    private static int indexOf(byte[] b, byte value) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
