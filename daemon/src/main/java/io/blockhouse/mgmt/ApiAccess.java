package io.blockhouse.mgmt;

import io.blockhouse.config.ApiConfig;
import io.blockhouse.config.ConfigException;
import io.blockhouse.config.HostPort;
import io.blockhouse.config.TcpApiConfig;
import io.blockhouse.security.FailureLimiter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may reach the management API, as the "api" section says: the Unix socket's group and the TCP listener. Live
 * changes of the section go in two steps so they join a configuration change all or nothing: {@link #prepare}
 * does everything that can fail (group lookup and chown, TLS material, binding a new address) and
 * {@link Change#abandon()} undoes it; {@link Change#commit()} only swaps and closes. Changes arrive one at a time
 * (the config service's lock); the methods are synchronized anyway.
 */
public final class ApiAccess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiAccess.class);

    /** Binds a TCP listener (the server's event loop, routes and worker). */
    @FunctionalInterface
    interface Binder {
        TcpApiListener bind(InetSocketAddress address, TcpApiSecurity security) throws IOException;
    }

    /** A prepared change of the "api" section. Exactly one of the two is called. */
    public interface Change {
        /** Makes it visible: swaps TLS material, moves to the new listener, closes the old one. Cannot fail. */
        void commit();

        /** Undoes the preparation: closes a newly bound listener, gives the socket its old group back. */
        void abandon();
    }

    private final Path socket;
    private final GroupPrincipal initialGroup;
    private final FailureLimiter limiter = FailureLimiter.withDefaults();
    private ApiConfig current;
    private TcpApiListener tcp;

    ApiAccess(Path socket) throws IOException {
        this.socket = socket;
        this.initialGroup = view(socket).readAttributes().group();
    }

    FailureLimiter limiter() {
        return limiter;
    }

    synchronized InetSocketAddress tcpAddress() {
        return tcp == null ? null : tcp.address();
    }

    /** At start-up: problems are configuration errors (exit 2), a port in use an I/O error (exit 1). */
    synchronized void start(ApiConfig api, Binder binder) throws IOException, ConfigException {
        String group = groupOf(api);
        if (group != null) {
            try {
                setGroup(lookupGroup(group));
            } catch (UserPrincipalNotFoundException e) {
                throw new ConfigException("(api)", List.of("api.group: no such group: " + group));
            }
            log.info("management socket {} handed to group {}", socket, group);
        }
        TcpApiConfig t = tcpOf(api);
        if (t != null) {
            tcp = binder.bind(HostPort.parse(t.listen(), -1), TcpApiSecurity.load(t));
        }
        current = api;
    }

    synchronized Change prepare(ApiConfig to, Binder binder) throws MgmtException {
        GroupPrincipal previousGroup = currentGroup();
        boolean groupChanges = !Objects.equals(groupOf(current), groupOf(to));
        if (groupChanges) {
            GroupPrincipal next;
            try {
                next = groupOf(to) == null ? initialGroup : lookupGroup(groupOf(to));
            } catch (UserPrincipalNotFoundException e) {
                throw MgmtException.invalid("invalid_config", "api.group: no such group: " + groupOf(to));
            } catch (IOException e) {
                throw new MgmtException(MgmtException.Kind.FAILED, "group_failed", "api.group: " + e.getMessage(), e);
            }
            try {
                setGroup(next);
            } catch (IOException e) {
                throw new MgmtException(MgmtException.Kind.FAILED, "group_failed", "api.group: cannot hand "
                        + socket + " to " + next.getName() + ": " + e.getMessage(), e);
            }
        }
        TcpApiListener opened = null;
        TcpApiSecurity swap = null;
        boolean closeOld = false;
        TcpApiConfig toTcp = tcpOf(to);
        try {
            if (!Objects.equals(tcpOf(current), toTcp)) {
                if (toTcp == null) {
                    closeOld = true;
                } else {
                    TcpApiSecurity security = loadSecurity(toTcp);
                    InetSocketAddress address = HostPort.parse(toTcp.listen(), -1);
                    if (tcp != null && tcp.address().equals(address)) {
                        swap = security;
                    } else {
                        opened = bindOrRefuse(binder, address, security, toTcp.listen());
                        closeOld = true;
                    }
                }
            }
        } catch (MgmtException | RuntimeException e) {
            if (groupChanges) {
                restoreGroup(previousGroup);
            }
            throw e;
        }
        return new PreparedChange(to, groupChanges ? previousGroup : null, opened, swap, closeOld);
    }

    private static TcpApiSecurity loadSecurity(TcpApiConfig t) throws MgmtException {
        try {
            return TcpApiSecurity.load(t);
        } catch (ConfigException e) {
            throw MgmtException.invalid("invalid_config", String.join("; ", e.problems()));
        }
    }

    private static TcpApiListener bindOrRefuse(Binder binder, InetSocketAddress address, TcpApiSecurity security,
                                               String listen) throws MgmtException {
        try {
            return binder.bind(address, security);
        } catch (IOException e) {
            throw new MgmtException(MgmtException.Kind.FAILED, "listen_failed", "api.tcp.listen: cannot listen on "
                    + listen + ": " + e.getMessage(), e);
        }
    }

    private final class PreparedChange implements Change {
        private final ApiConfig to;
        private final GroupPrincipal groupBefore;
        private final TcpApiListener opened;
        private final TcpApiSecurity swap;
        private final boolean closeOld;

        PreparedChange(ApiConfig to, GroupPrincipal groupBefore, TcpApiListener opened, TcpApiSecurity swap,
                       boolean closeOld) {
            this.to = to;
            this.groupBefore = groupBefore;
            this.opened = opened;
            this.swap = swap;
            this.closeOld = closeOld;
        }

        @Override
        public void commit() {
            synchronized (ApiAccess.this) {
                if (swap != null) {
                    tcp.use(swap);
                }
                if (closeOld) {
                    if (tcp != null) {
                        tcp.close();
                    }
                    tcp = opened;
                }
                current = to;
            }
        }

        @Override
        public void abandon() {
            synchronized (ApiAccess.this) {
                if (opened != null) {
                    opened.close();
                }
                if (groupBefore != null) {
                    restoreGroup(groupBefore);
                }
            }
        }
    }

    private GroupPrincipal lookupGroup(String name) throws IOException {
        return socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
    }

    private GroupPrincipal currentGroup() throws MgmtException {
        try {
            return view(socket).readAttributes().group();
        } catch (IOException e) {
            throw new MgmtException(MgmtException.Kind.FAILED, "group_failed", "api.group: cannot read the group of "
                    + socket + ": " + e.getMessage(), e);
        }
    }

    private void setGroup(GroupPrincipal group) throws IOException {
        view(socket).setGroup(group);
    }

    private void restoreGroup(GroupPrincipal group) {
        try {
            setGroup(group);
        } catch (IOException e) {
            log.error("cannot give {} its group {} back: {}", socket, group.getName(), e.getMessage());
        }
    }

    private static PosixFileAttributeView view(Path socket) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(socket, PosixFileAttributeView.class);
        if (view == null) {
            throw new IOException("no POSIX attributes on " + socket);
        }
        return view;
    }

    private static String groupOf(ApiConfig api) {
        return api == null ? null : api.group();
    }

    private static TcpApiConfig tcpOf(ApiConfig api) {
        return api == null ? null : api.tcp();
    }

    @Override
    public synchronized void close() {
        if (tcp != null) {
            tcp.close();
            tcp = null;
        }
    }
}
