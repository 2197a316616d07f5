package io.blockhouse.iscsi;

/**
 * CHAP secrets. The initiator proves it knows {@code secret} for {@code user}; when {@code mutualUser} is non-null
 * the target proves it knows {@code mutualSecret} too (mutual CHAP). Secrets are 12..16+ bytes per RFC 7143 advice;
 * the config layer enforces lengths.
 */
public record ChapCredentials(String user, String secret, String mutualUser, String mutualSecret) {

    public boolean mutual() {
        return mutualUser != null;
    }

    @Override
    public String toString() {
        return "ChapCredentials[user=" + user + ", mutualUser=" + mutualUser + "]";
    }
}
