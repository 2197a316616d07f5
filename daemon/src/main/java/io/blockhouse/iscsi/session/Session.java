package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.IscsiTarget;
import io.blockhouse.iscsi.login.SessionParameters;
import io.blockhouse.scsi.Nexus;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One iSCSI session in full feature phase. We negotiate MaxConnections=1, so a session has exactly one connection
 * (channel); its mutable protocol state lives in {@link Connection} on the channel's event loop. This object is what
 * the {@link SessionRegistry} shares across threads.
 */
public final class Session {
    private final SessionKey key;
    private final int tsih;
    private final String initiatorName;
    private final byte[] isid;
    private final IscsiTarget target;
    private final Nexus nexus;
    private final SessionParameters parameters;
    private final Channel channel;
    private final AtomicBoolean terminated = new AtomicBoolean();

    /**
     * @param target null for a discovery session
     * @param nexus  null for a discovery session; owned by the session, closed by {@link #terminate()}
     */
    public Session(SessionKey key, int tsih, String initiatorName, byte[] isid, IscsiTarget target, Nexus nexus,
                   SessionParameters parameters, Channel channel) {
        this.key = key;
        this.tsih = tsih;
        this.initiatorName = initiatorName;
        this.isid = isid.clone();
        this.target = target;
        this.nexus = nexus;
        this.parameters = parameters;
        this.channel = channel;
    }

    public SessionKey key() {
        return key;
    }

    public int tsih() {
        return tsih;
    }

    public String initiatorName() {
        return initiatorName;
    }

    public byte[] isid() {
        return isid.clone();
    }

    public boolean discovery() {
        return target == null;
    }

    /** The target, or null for discovery sessions. */
    public IscsiTarget target() {
        return target;
    }

    /** The SCSI nexus, or null for discovery sessions. */
    public Nexus nexus() {
        return nexus;
    }

    public SessionParameters parameters() {
        return parameters;
    }

    public Channel channel() {
        return channel;
    }

    /**
     * Ends the session: aborts its SCSI tasks (no responses) via {@link Nexus#close()} and closes the connection.
     * Idempotent and thread-safe.
     */
    public void terminate() {
        if (terminated.compareAndSet(false, true)) {
            if (nexus != null) {
                nexus.close();
            }
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "Session[tsih=" + tsih + ", " + initiatorName + " -> " + (target == null ? "discovery" : target.name())
                + "]";
    }
}
