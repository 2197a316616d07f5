package io.blockhouse.mgmt;

import io.blockhouse.config.BlockhouseConfig;
import java.util.List;
import java.util.Objects;

/**
 * Joins live changes of the "api" section to the rest of a configuration change: the API server prepares the new
 * section first (the step that can fail), then the running target applies its part; if that fails, the API
 * preparation is abandoned, otherwise committed. Changes that leave the section alone go straight to the target.
 */
public final class ApiSectionApplier implements LiveApplier {

    private final LiveApplier target;
    private volatile ApiServer server;

    public ApiSectionApplier(LiveApplier target) {
        this.target = target;
    }

    /** Connects the API server once it listens (changes only arrive through it). */
    public void attach(ApiServer apiServer) {
        this.server = apiServer;
    }

    @Override
    public void apply(BlockhouseConfig from, BlockhouseConfig to, boolean force) throws MgmtException {
        if (Objects.equals(from.api(), to.api())) {
            target.apply(from, to, force);
            return;
        }
        ApiServer s = server;
        if (s == null) {
            throw new MgmtException(MgmtException.Kind.CONFLICT, "restart_required",
                    "api: the management API is not running; the section applies at the next start");
        }
        ApiAccess.Change change = s.prepare(to.api());
        try {
            if (!from.withApi(to.api()).equals(to)) {
                target.apply(from, to, force);
            }
        } catch (MgmtException | RuntimeException e) {
            change.abandon();
            throw e;
        }
        change.commit();
    }

    @Override
    public List<SessionInfo> sessions() {
        return target.sessions();
    }

    @Override
    public List<PortGroupInfo> portGroups() {
        return target.portGroups();
    }
}
