package io.blockhouse.iscsi;

/**
 * Target-side limits and preferences for login negotiation and sessions (from the daemon config, with RFC 7143
 * defaults). Values the initiator proposes are negotiated against these the RFC's way (min / max / AND / OR).
 *
 * @param queueDepth              commands in flight per session: MaxCmdSN = ExpCmdSN + queueDepth - 1
 * @param maxRecvDataSegmentLength what the target declares it can receive (512..2^24-1)
 * @param maxBurstLength          upper bound offered for MaxBurstLength
 * @param firstBurstLength        upper bound offered for FirstBurstLength
 * @param immediateData           whether the target allows ImmediateData=Yes
 * @param initialR2T              whether the target insists on InitialR2T=Yes
 * @param maxOutstandingR2T       upper bound for MaxOutstandingR2T
 * @param headerDigestCrc32c      whether CRC32C header digests may be negotiated
 * @param dataDigestCrc32c        whether CRC32C data digests may be negotiated
 * @param nopInIntervalSeconds    idle time before the target pings with NOP-In (0 disables pings)
 * @param nopInTimeoutSeconds     time to wait for the NOP-Out answer before dropping the connection
 * @param loginTimeoutSeconds     time allowed from TCP accept to full feature phase
 */
public record IscsiSettings(int queueDepth, int maxRecvDataSegmentLength, int maxBurstLength, int firstBurstLength,
                            boolean immediateData, boolean initialR2T, int maxOutstandingR2T,
                            boolean headerDigestCrc32c, boolean dataDigestCrc32c,
                            int nopInIntervalSeconds, int nopInTimeoutSeconds, int loginTimeoutSeconds) {

    /** Defaults a storage administrator would expect (SCST-like): deep queue, large bursts, both digests allowed. */
    public static IscsiSettings defaults() {
        return new IscsiSettings(128, 262144, 1048576, 262144, true, false, 1, true, true, 30, 15, 15);
    }
}
