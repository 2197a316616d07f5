package io.blockhouse.iscsi.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.iscsi.IscsiSettings;
import org.junit.jupiter.api.Test;

class OperationalNegotiatorTest {
    private static final IscsiSettings SETTINGS = new IscsiSettings(32, 65536, 131072, 32768, true, false, 4, true,
            false, 30, 15, 15);

    private final SessionParameters params = new SessionParameters();
    private final OperationalNegotiator normal = new OperationalNegotiator(SETTINGS, params, false, false);

    private String answer(OperationalNegotiator n, String key, String value) throws LoginException {
        TextKeys response = new TextKeys();
        n.negotiate(key, value, response);
        return response.get(key);
    }

    private String answer(String key, String value) throws LoginException {
        return answer(normal, key, value);
    }

    @Test
    void digestsPickTheInitiatorsFirstSupportedChoice() throws LoginException {
        assertEquals("CRC32C", answer("HeaderDigest", "CRC32C,None"));
        assertTrue(params.headerDigest());
        // Data digests are not allowed by these settings.
        assertEquals("None", answer("DataDigest", "CRC32C,None"));
        assertFalse(params.dataDigest());
    }

    @Test
    void digestWithNothingAcceptableIsRejected() throws LoginException {
        assertEquals("Reject", answer("DataDigest", "CRC32C,MD5"));
    }

    @Test
    void burstLengthsTakeTheMinimumAndFirstBurstNeverExceedsMaxBurst() throws LoginException {
        assertEquals("131072", answer("MaxBurstLength", "262144"));
        assertEquals(131072, params.maxBurstLength());
        assertEquals("32768", answer("FirstBurstLength", "65536"));
        assertEquals(32768, params.firstBurstLength());

        SessionParameters p = new SessionParameters();
        OperationalNegotiator n = new OperationalNegotiator(SETTINGS, p, false, false);
        assertEquals("4096", answer(n, "MaxBurstLength", "4096"));
        assertEquals("4096", answer(n, "FirstBurstLength", "65536"));
        assertEquals(4096, p.firstBurstLength());
    }

    @Test
    void booleansUseAndForImmediateDataAndOrForInitialR2T() throws LoginException {
        assertEquals("Yes", answer("ImmediateData", "Yes"));
        assertEquals("No", answer("InitialR2T", "No"));
        assertFalse(params.initialR2T());

        IscsiSettings strict = new IscsiSettings(32, 65536, 131072, 32768, false, true, 4, true, true, 30, 15, 15);
        SessionParameters p = new SessionParameters();
        OperationalNegotiator n = new OperationalNegotiator(strict, p, false, false);
        assertEquals("No", answer(n, "ImmediateData", "Yes"));
        assertEquals("Yes", answer(n, "InitialR2T", "No"));
        assertFalse(p.immediateData());
        assertTrue(p.initialR2T());
    }

    @Test
    void firstBurstIsIrrelevantWithInitialR2TAndNoImmediateData() throws LoginException {
        answer("InitialR2T", "Yes");
        answer("ImmediateData", "No");
        assertEquals("Irrelevant", answer("FirstBurstLength", "65536"));
    }

    @Test
    void numericMinMaxFunctions() throws LoginException {
        assertEquals("2", answer("MaxOutstandingR2T", "2"));
        assertEquals("4", new OperationalNegotiatorTest().answer("MaxOutstandingR2T", "16"));
        assertEquals("0", answer("ErrorRecoveryLevel", "2"));
        assertEquals("1", answer("MaxConnections", "8"));
        assertEquals("5", answer("DefaultTime2Wait", "5"));
        assertEquals("0", answer("DefaultTime2Retain", "20"));
        assertEquals(0, params.errorRecoveryLevel());
    }

    @Test
    void orderingKeysStayYes() throws LoginException {
        assertEquals("Yes", answer("DataPDUInOrder", "No"));
        assertEquals("Yes", answer("DataSequenceInOrder", "No"));
    }

    @Test
    void markersAreRefused() throws LoginException {
        assertEquals("No", answer("IFMarker", "Yes"));
        assertEquals("No", answer("OFMarker", "No"));
        assertEquals("Irrelevant", answer("OFMarkInt", "2048"));
    }

    @Test
    void maxRecvDataSegmentLengthIsADeclarationWithoutAnswer() throws LoginException {
        assertNull(answer("MaxRecvDataSegmentLength", "16384"));
        assertEquals(16384, params.initiatorMaxRecvDataSegmentLength());
        assertEquals(65536, params.targetMaxRecvDataSegmentLength());
    }

    @Test
    void malformedAndOutOfRangeValuesAreRejected() throws LoginException {
        assertEquals("Reject", answer("MaxBurstLength", "100"));
        assertEquals("Reject", answer("MaxOutstandingR2T", "lots"));
        assertEquals("Reject", answer("ImmediateData", "maybe"));
        assertEquals("Reject", answer("MaxRecvDataSegmentLength", "16777216"));
        assertEquals(8192, params.initiatorMaxRecvDataSegmentLength());
        assertEquals("Reject", answer("ErrorRecoveryLevel", "3"));
    }

    @Test
    void hexNumbersAreAccepted() throws LoginException {
        assertEquals("8192", answer("MaxBurstLength", "0x2000"));
    }

    @Test
    void unknownKeysAreNotUnderstood() throws LoginException {
        assertEquals("NotUnderstood", answer("X-com.example.Frobnicate", "Yes"));
        assertEquals("NotUnderstood", answer("iSCSIProtocolLevel", "2"));
    }

    @Test
    void sessionDataKeysAreIrrelevantInDiscovery() throws LoginException {
        OperationalNegotiator discovery = new OperationalNegotiator(SETTINGS, new SessionParameters(), true, false);
        assertEquals("Irrelevant", answer(discovery, "MaxBurstLength", "262144"));
        assertEquals("Irrelevant", answer(discovery, "InitialR2T", "No"));
        assertEquals("None", answer(discovery, "DataDigest", "None"));
    }

    @Test
    void renegotiatingWithinLoginFails() throws LoginException {
        answer("MaxBurstLength", "65536");
        LoginException e = assertThrows(LoginException.class, () -> answer("MaxBurstLength", "65536"));
        assertEquals(LoginStatus.INITIATOR_ERROR, e.status());
    }

    @Test
    void fullFeaturePhaseOnlyAcceptsMaxRecvDataSegmentLength() throws LoginException {
        OperationalNegotiator ffp = new OperationalNegotiator(SETTINGS, params, false, true);
        assertNull(answer(ffp, "MaxRecvDataSegmentLength", "4096"));
        assertEquals(4096, params.initiatorMaxRecvDataSegmentLength());
        assertEquals("Reject", answer(ffp, "MaxBurstLength", "4096"));
        assertEquals("Reject", answer(ffp, "HeaderDigest", "None"));
        assertEquals("NotUnderstood", answer(ffp, "X-foo", "1"));
    }

    @Test
    void targetOffersKeysWhoseDefaultItCannotAccept() throws LoginException {
        IscsiSettings small = new IscsiSettings(32, 65536, 65536, 16384, false, true, 1, true, true, 30, 15, 15);
        SessionParameters p = new SessionParameters();
        OperationalNegotiator n = new OperationalNegotiator(small, p, false, false);
        TextKeys offers = n.targetOffers();
        assertEquals("No", offers.get("ImmediateData"));
        assertEquals("65536", offers.get("MaxBurstLength"));
        assertEquals("16384", offers.get("FirstBurstLength"));
        assertTrue(n.awaitingAnswers());
        TextKeys ignored = new TextKeys();
        n.negotiate("ImmediateData", "No", ignored);
        n.negotiate("MaxBurstLength", "65536", ignored);
        n.negotiate("FirstBurstLength", "16384", ignored);
        assertTrue(ignored.isEmpty(), "answers to our offers need no reply");
        assertFalse(n.awaitingAnswers());
        assertFalse(p.immediateData());
        assertEquals(65536, p.maxBurstLength());
        assertEquals(16384, p.firstBurstLength());
    }
}
