package io.blockhouse.it.initiator;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the initiator proposes at login. Defaults are a modern Linux initiator's: both digests off, immediate
 * data on, InitialR2T off, 256 KiB segments and first burst, 1 MiB bursts. Build with {@link #builder()}.
 */
public final class LoginOptions {

    /** Initiator name used when a test does not pick one. */
    public static final String DEFAULT_INITIATOR_NAME = "iqn.2026-11.io.blockhouse:test-initiator";

    private final String initiatorName;
    private final String targetName;
    private final ChapSecret chap;
    private final ChapSecret mutualChap;
    private final String headerDigest;
    private final String dataDigest;
    private final int maxRecvDataSegmentLength;
    private final boolean immediateData;
    private final boolean initialR2T;
    private final int firstBurstLength;
    private final int maxBurstLength;
    private final Map<String, String> extraKeys;
    private final byte[] isid;
    private final Duration timeout;

    private LoginOptions(Builder b) {
        this.initiatorName = b.initiatorName;
        this.targetName = b.targetName;
        this.chap = b.chap;
        this.mutualChap = b.mutualChap;
        this.headerDigest = b.headerDigest;
        this.dataDigest = b.dataDigest;
        this.maxRecvDataSegmentLength = b.maxRecvDataSegmentLength;
        this.immediateData = b.immediateData;
        this.initialR2T = b.initialR2T;
        this.firstBurstLength = b.firstBurstLength;
        this.maxBurstLength = b.maxBurstLength;
        this.extraKeys = Map.copyOf(b.extraKeys);
        this.isid = b.isid != null ? b.isid.clone() : randomIsid();
        this.timeout = b.timeout;
        if (mutualChap != null && chap == null) {
            throw new IllegalArgumentException("mutual CHAP needs the initiator's CHAP secret too");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** ISID of the "random" format (RFC 7143 section 11.12.5): T=10b, then random qualifiers. */
    private static byte[] randomIsid() {
        byte[] isid = new byte[6];
        new SecureRandom().nextBytes(isid);
        isid[0] = (byte) 0x80;
        return isid;
    }

    public String initiatorName() {
        return initiatorName;
    }

    /** The target IQN, or null for a discovery session. */
    public String targetName() {
        return targetName;
    }

    public boolean discovery() {
        return targetName == null;
    }

    public ChapSecret chap() {
        return chap;
    }

    public ChapSecret mutualChap() {
        return mutualChap;
    }

    public String headerDigest() {
        return headerDigest;
    }

    public String dataDigest() {
        return dataDigest;
    }

    public int maxRecvDataSegmentLength() {
        return maxRecvDataSegmentLength;
    }

    public boolean immediateData() {
        return immediateData;
    }

    public boolean initialR2T() {
        return initialR2T;
    }

    public int firstBurstLength() {
        return firstBurstLength;
    }

    public int maxBurstLength() {
        return maxBurstLength;
    }

    /** Keys added verbatim to the operational stage (hostile or exotic negotiation tests). */
    public Map<String, String> extraKeys() {
        return extraKeys;
    }

    public byte[] isid() {
        return isid.clone();
    }

    public Duration timeout() {
        return timeout;
    }

    /** Builder with the defaults described on {@link LoginOptions}. */
    public static final class Builder {
        private String initiatorName = DEFAULT_INITIATOR_NAME;
        private String targetName;
        private ChapSecret chap;
        private ChapSecret mutualChap;
        private String headerDigest = "None";
        private String dataDigest = "None";
        private int maxRecvDataSegmentLength = 262144;
        private boolean immediateData = true;
        private boolean initialR2T = false;
        private int firstBurstLength = 262144;
        private int maxBurstLength = 1048576;
        private final Map<String, String> extraKeys = new LinkedHashMap<>();
        private byte[] isid;
        private Duration timeout = Duration.ofSeconds(20);

        private Builder() {
        }

        public Builder initiatorName(String name) {
            this.initiatorName = name;
            return this;
        }

        /** Normal session to this target; leave unset for a discovery session. */
        public Builder targetName(String name) {
            this.targetName = name;
            return this;
        }

        /** One-way CHAP: the initiator proves it knows {@code secret}. */
        public Builder chap(String user, String secret) {
            this.chap = new ChapSecret(user, secret);
            return this;
        }

        /** Mutual CHAP: the target must answer our challenge as {@code targetUser} knowing {@code targetSecret}. */
        public Builder mutualChap(String targetUser, String targetSecret) {
            this.mutualChap = new ChapSecret(targetUser, targetSecret);
            return this;
        }

        /** Both digests CRC32C (true) or None (false). */
        public Builder digests(boolean crc32c) {
            return headerDigest(crc32c ? "CRC32C" : "None").dataDigest(crc32c ? "CRC32C" : "None");
        }

        /** HeaderDigest proposal, e.g. "CRC32C", "None" or "CRC32C,None". */
        public Builder headerDigest(String proposal) {
            this.headerDigest = proposal;
            return this;
        }

        public Builder dataDigest(String proposal) {
            this.dataDigest = proposal;
            return this;
        }

        public Builder maxRecvDataSegmentLength(int length) {
            this.maxRecvDataSegmentLength = length;
            return this;
        }

        public Builder immediateData(boolean on) {
            this.immediateData = on;
            return this;
        }

        public Builder initialR2T(boolean on) {
            this.initialR2T = on;
            return this;
        }

        public Builder firstBurstLength(int length) {
            this.firstBurstLength = length;
            return this;
        }

        public Builder maxBurstLength(int length) {
            this.maxBurstLength = length;
            return this;
        }

        public Builder extraKey(String key, String value) {
            this.extraKeys.put(key, value);
            return this;
        }

        public Builder isid(byte[] isid) {
            if (isid.length != 6) {
                throw new IllegalArgumentException("ISID is 6 bytes");
            }
            this.isid = isid.clone();
            return this;
        }

        /** Connect and per-read timeout. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public LoginOptions build() {
            return new LoginOptions(this);
        }
    }
}
