package io.blockhouse.config;

/**
 * CHAP secrets for a target, an initiator group or discovery. {@code user}/{@code secret} authenticate the initiator;
 * {@code mutualUser}/{@code mutualSecret}, when present, are what the target answers with for mutual CHAP.
 */
public record ChapConfig(String user, String secret, String mutualUser, String mutualSecret) {

    @Override
    public String toString() {
        return "ChapConfig[user=" + user + ", mutualUser=" + mutualUser + "]";
    }
}
