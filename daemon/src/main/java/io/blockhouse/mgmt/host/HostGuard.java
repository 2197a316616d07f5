package io.blockhouse.mgmt.host;

/** The root check of the host API, handed to the parts that change the host. */
@FunctionalInterface
interface HostGuard {

    /** Refuses with not_root unless the daemon runs as root. */
    void requireRoot(String action) throws HostException;
}
