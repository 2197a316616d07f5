package io.blockhouse.it.initiator;

import java.util.Objects;

/**
 * A CHAP name and secret. For the initiator's own credentials both are sent/used; for mutual CHAP, {@code user} is
 * the name the target must present (null accepts any name) and {@code secret} what its response must prove.
 */
public record ChapSecret(String user, String secret) {

    public ChapSecret {
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "ChapSecret[user=" + user + "]";
    }
}
