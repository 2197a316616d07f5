package io.blockhouse.it;

import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginOptions;
import java.io.IOException;

/**
 * Where a scenario talks to: portal, target IQN, the data LUN and its block size, and the CHAP secret the target
 * requires (null user for none). Lets one scenario run against Blockhouse and against tgt alike.
 */
public record TargetEndpoint(String host, int port, String targetName, int lun, int blockSize, String chapUser,
                             String chapSecret) {

    /** An endpoint without CHAP. */
    public static TargetEndpoint of(String host, int port, String targetName, int lun, int blockSize) {
        return new TargetEndpoint(host, port, targetName, lun, blockSize, null, null);
    }

    /** The same endpoint requiring one-way CHAP. */
    public TargetEndpoint withChap(String user, String secret) {
        return new TargetEndpoint(host, port, targetName, lun, blockSize, user, secret);
    }

    /**
     * Login options for a normal session to this target: CHAP filled in when required, CRC32C digests offered
     * with None as fallback (so the same options work whatever the target insists on).
     */
    public LoginOptions.Builder login() {
        LoginOptions.Builder builder = LoginOptions.builder().targetName(targetName).headerDigest("CRC32C,None")
                .dataDigest("CRC32C,None");
        if (chapUser != null) {
            builder.chap(chapUser, chapSecret);
        }
        return builder;
    }

    /** Logs in with {@code options} and clears the new nexus' UNIT ATTENTION. */
    public IscsiSession open(LoginOptions options) throws IOException {
        IscsiSession session = IscsiSession.login(host, port, options);
        try {
            session.clearUnitAttention(lun);
            return session;
        } catch (IOException | RuntimeException e) {
            session.connection().close();
            throw e;
        }
    }
}
