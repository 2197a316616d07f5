package io.blockhouse.iscsi.login;

/**
 * Operational parameters in force for a session and its connection, starting at the RFC 7143 section 13 defaults
 * and updated by {@link OperationalNegotiator}. Confined to the connection's event loop.
 */
public final class SessionParameters {
    /** RFC 7143 default for MaxRecvDataSegmentLength (also the limit in force during login). */
    public static final int DEFAULT_MAX_RECV_DATA_SEGMENT = 8192;

    boolean headerDigest;
    boolean dataDigest;
    int initiatorMaxRecvDataSegmentLength = DEFAULT_MAX_RECV_DATA_SEGMENT;
    int targetMaxRecvDataSegmentLength = DEFAULT_MAX_RECV_DATA_SEGMENT;
    int maxBurstLength = 262144;
    int firstBurstLength = 65536;
    boolean immediateData = true;
    boolean initialR2T = true;
    int maxOutstandingR2T = 1;
    boolean dataPduInOrder = true;
    boolean dataSequenceInOrder = true;
    int defaultTime2Wait = 2;
    int defaultTime2Retain = 20;
    int errorRecoveryLevel;
    int maxConnections = 1;

    public boolean headerDigest() {
        return headerDigest;
    }

    public boolean dataDigest() {
        return dataDigest;
    }

    /** The largest data segment we may send (the initiator's declaration). */
    public int initiatorMaxRecvDataSegmentLength() {
        return initiatorMaxRecvDataSegmentLength;
    }

    /** The largest data segment we accept (our declaration). */
    public int targetMaxRecvDataSegmentLength() {
        return targetMaxRecvDataSegmentLength;
    }

    public int maxBurstLength() {
        return maxBurstLength;
    }

    public int firstBurstLength() {
        return firstBurstLength;
    }

    public boolean immediateData() {
        return immediateData;
    }

    public boolean initialR2T() {
        return initialR2T;
    }

    public int maxOutstandingR2T() {
        return maxOutstandingR2T;
    }

    public boolean dataPduInOrder() {
        return dataPduInOrder;
    }

    public boolean dataSequenceInOrder() {
        return dataSequenceInOrder;
    }

    public int defaultTime2Wait() {
        return defaultTime2Wait;
    }

    public int defaultTime2Retain() {
        return defaultTime2Retain;
    }

    public int errorRecoveryLevel() {
        return errorRecoveryLevel;
    }

    public int maxConnections() {
        return maxConnections;
    }

    @Override
    public String toString() {
        return "HeaderDigest=" + (headerDigest ? "CRC32C" : "None") + " DataDigest=" + (dataDigest ? "CRC32C" : "None")
                + " MaxRecvDataSegmentLength(initiator/target)=" + initiatorMaxRecvDataSegmentLength + "/"
                + targetMaxRecvDataSegmentLength + " MaxBurstLength=" + maxBurstLength + " FirstBurstLength="
                + firstBurstLength + " ImmediateData=" + immediateData + " InitialR2T=" + initialR2T
                + " MaxOutstandingR2T=" + maxOutstandingR2T + " ErrorRecoveryLevel=" + errorRecoveryLevel;
    }
}
