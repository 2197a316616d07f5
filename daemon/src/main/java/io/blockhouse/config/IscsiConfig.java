package io.blockhouse.config;

import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.admission.AdmissionLimits;
import io.blockhouse.iscsi.server.BusyPolling;
import io.blockhouse.scsi.admission.TaskSetBound;

/**
 * iSCSI limits and preferences; every field optional, defaulting to {@link IscsiSettings#defaults()}, and the
 * resource limits ({@code maxSessions}, {@code maxLoginsInProgress}, {@code writeBufferMiB}: {@link
 * AdmissionLimits#defaults()}; {@code taskSetSize}: {@link TaskSetBound#DEFAULT_CAPACITY}; {@code pollMicros}:
 * {@link BusyPolling#DEFAULT_MICROS}).
 */
public record IscsiConfig(Integer queueDepth, Integer maxRecvDataSegmentLength, Integer maxBurstLength,
                          Integer firstBurstLength, Boolean immediateData, Boolean initialR2T,
                          Integer maxOutstandingR2T, Boolean headerDigest, Boolean dataDigest,
                          Integer nopInIntervalSeconds, Integer nopInTimeoutSeconds, Integer loginTimeoutSeconds,
                          Integer maxSessions, Integer maxLoginsInProgress, Integer taskSetSize,
                          Integer writeBufferMiB, Integer pollMicros) {

    /** Negotiation settings only; the resource limits take their defaults. */
    public IscsiConfig(Integer queueDepth, Integer maxRecvDataSegmentLength, Integer maxBurstLength,
                       Integer firstBurstLength, Boolean immediateData, Boolean initialR2T,
                       Integer maxOutstandingR2T, Boolean headerDigest, Boolean dataDigest,
                       Integer nopInIntervalSeconds, Integer nopInTimeoutSeconds, Integer loginTimeoutSeconds) {
        this(queueDepth, maxRecvDataSegmentLength, maxBurstLength, firstBurstLength, immediateData, initialR2T,
                maxOutstandingR2T, headerDigest, dataDigest, nopInIntervalSeconds, nopInTimeoutSeconds,
                loginTimeoutSeconds, null, null, null, null, null);
    }

    /** The resource limits with defaults filled in. */
    public AdmissionLimits toLimits() {
        AdmissionLimits d = AdmissionLimits.defaults();
        return new AdmissionLimits(maxSessions != null ? maxSessions : d.maxSessions(),
                maxLoginsInProgress != null ? maxLoginsInProgress : d.maxLoginsInProgress(),
                writeBufferMiB != null ? (long) writeBufferMiB << 20 : d.writeBufferBytes());
    }

    /** How long an event loop polls for work before it sleeps, in µs (0: never; see {@link BusyPolling}). */
    public int pollMicrosOrDefault() {
        return pollMicros != null ? pollMicros : BusyPolling.DEFAULT_MICROS;
    }

    /** Tasks each logical unit's task set holds, over all sessions. */
    public int taskSetSizeOrDefault() {
        return taskSetSize != null ? taskSetSize : TaskSetBound.DEFAULT_CAPACITY;
    }

    /** The settings with defaults filled in. */
    public IscsiSettings toSettings() {
        IscsiSettings d = IscsiSettings.defaults();
        return new IscsiSettings(
                queueDepth != null ? queueDepth : d.queueDepth(),
                maxRecvDataSegmentLength != null ? maxRecvDataSegmentLength : d.maxRecvDataSegmentLength(),
                maxBurstLength != null ? maxBurstLength : d.maxBurstLength(),
                firstBurstLength != null ? firstBurstLength : d.firstBurstLength(),
                immediateData != null ? immediateData : d.immediateData(),
                initialR2T != null ? initialR2T : d.initialR2T(),
                maxOutstandingR2T != null ? maxOutstandingR2T : d.maxOutstandingR2T(),
                headerDigest != null ? headerDigest : d.headerDigestCrc32c(),
                dataDigest != null ? dataDigest : d.dataDigestCrc32c(),
                nopInIntervalSeconds != null ? nopInIntervalSeconds : d.nopInIntervalSeconds(),
                nopInTimeoutSeconds != null ? nopInTimeoutSeconds : d.nopInTimeoutSeconds(),
                loginTimeoutSeconds != null ? loginTimeoutSeconds : d.loginTimeoutSeconds());
    }
}
