package io.blockhouse.it.initiator;

import java.util.Map;

/**
 * The operational parameters in force after login.
 *
 * @param headerDigest          CRC32C header digests in use
 * @param dataDigest            CRC32C data digests in use
 * @param maxSendDataSegment    the target's declared MaxRecvDataSegmentLength: our limit per PDU sent
 * @param maxRecvDataSegment    our declared MaxRecvDataSegmentLength: the target's limit per PDU
 * @param immediateData         ImmediateData result
 * @param initialR2T            InitialR2T result
 * @param firstBurstLength      FirstBurstLength result
 * @param maxBurstLength        MaxBurstLength result
 * @param maxOutstandingR2T     MaxOutstandingR2T result
 * @param errorRecoveryLevel    ErrorRecoveryLevel result
 * @param targetKeys            every key the target sent during login (last value wins)
 */
public record NegotiatedParameters(boolean headerDigest, boolean dataDigest, int maxSendDataSegment,
                                   int maxRecvDataSegment, boolean immediateData, boolean initialR2T,
                                   int firstBurstLength, int maxBurstLength, int maxOutstandingR2T,
                                   int errorRecoveryLevel, Map<String, String> targetKeys) {
}
