package io.blockhouse.config;

import io.blockhouse.iscsi.IscsiSettings;

/** iSCSI limits and preferences; every field optional, defaulting to {@link IscsiSettings#defaults()}. */
public record IscsiConfig(Integer queueDepth, Integer maxRecvDataSegmentLength, Integer maxBurstLength,
                          Integer firstBurstLength, Boolean immediateData, Boolean initialR2T,
                          Integer maxOutstandingR2T, Boolean headerDigest, Boolean dataDigest,
                          Integer nopInIntervalSeconds, Integer nopInTimeoutSeconds, Integer loginTimeoutSeconds) {

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
