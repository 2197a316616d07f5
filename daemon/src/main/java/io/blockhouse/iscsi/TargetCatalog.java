package io.blockhouse.iscsi;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The iSCSI layer's view of the configured targets. Implemented by the daemon from its configuration; the iSCSI
 * layer never reads configuration itself. Implementations are thread-safe and may change between calls (a later
 * management plane swaps the model live).
 */
public interface TargetCatalog {

    /** The target with this IQN (case-insensitive per RFC 3722), enabled or not. */
    Optional<IscsiTarget> find(String targetName);

    /**
     * Targets a SendTargets=All discovery from {@code initiatorName} arriving on {@code localAddress} may see:
     * enabled targets that listen on that portal and would accept the initiator.
     */
    List<IscsiTarget> discoverable(String initiatorName, InetSocketAddress localAddress);

    /** CHAP credentials required for discovery sessions, empty when discovery needs no authentication. */
    Optional<ChapCredentials> discoveryChap(String initiatorName);
}
