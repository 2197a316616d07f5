package io.blockhouse.iscsi;

import io.blockhouse.scsi.Nexus;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** One configured iSCSI target node as the login and session code need it. */
public interface IscsiTarget {

    /** The target's IQN / EUI / NAA name. */
    String name();

    /** TargetAlias, or empty. */
    String alias();

    /** Target portal group tag (TargetPortalGroupTag key, 1..65535). */
    int portalGroupTag();

    /**
     * The portal group tag of the portal {@code portal} (a configured portal, or the local address a login came
     * in on). A target whose portals form several SCSI target ports (ALUA port groups) answers each portal's own
     * tag; the default is the one tag of {@link #portalGroupTag()}.
     */
    default int portalGroupTag(InetSocketAddress portal) {
        return portalGroupTag();
    }

    boolean enabled();

    /** Portals this target is served on, for SendTargets TargetAddress and for accepting logins. */
    List<InetSocketAddress> portals();

    /** True when a login from this initiator may proceed (LUN masking / access list). */
    boolean admits(String initiatorName);

    /**
     * CHAP credentials for this initiator (its initiator group's, else the target's), or empty when the target
     * requires no authentication for it.
     */
    Optional<ChapCredentials> chapFor(String initiatorName);

    /** Opens the SCSI I_T nexus for a new full-feature session (LUN map chosen for the initiator). */
    Nexus openNexus(String initiatorName, byte[] isid);

    /**
     * Opens the nexus through the target port that serves {@code localAddress} (the portal the login came in on);
     * the default ignores the address (a target with one target port).
     */
    default Nexus openNexus(String initiatorName, byte[] isid, InetSocketAddress localAddress) {
        return openNexus(initiatorName, isid);
    }
}
