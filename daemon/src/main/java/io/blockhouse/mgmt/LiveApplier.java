package io.blockhouse.mgmt;

import io.blockhouse.config.BlockhouseConfig;
import java.util.List;

/**
 * The running daemon as the management plane changes it. Implemented by the daemon's wiring; called by
 * {@link ConfigService} with one change at a time.
 */
public interface LiveApplier {

    /**
     * Makes the running target match {@code to} (already validated), coming from {@code from}. Either the whole
     * change is applied or, when this throws, nothing of it is: devices are opened before anything is swapped.
     *
     * @param force also remove devices that live sessions map or that have commands in flight
     * @throws MgmtException why the change was refused or failed (nothing applied)
     */
    void apply(BlockhouseConfig from, BlockhouseConfig to, boolean force) throws MgmtException;

    /** The live iSCSI sessions, for the sessions resource. */
    List<SessionInfo> sessions();

    /** The target port groups in force (states may differ from the configuration while a change is recorded). */
    default List<PortGroupInfo> portGroups() {
        return List.of();
    }
}
