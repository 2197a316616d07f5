package io.blockhouse.daemon;

import io.blockhouse.iscsi.ChapCredentials;
import io.blockhouse.iscsi.IscsiTarget;
import io.blockhouse.iscsi.TargetCatalog;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The catalog the iSCSI server reads through: each call sees one whole configuration, the one current then. */
final class LiveCatalog implements TargetCatalog {

    private final AtomicReference<ConfiguredCatalog> current;

    LiveCatalog(ConfiguredCatalog initial) {
        this.current = new AtomicReference<>(initial);
    }

    ConfiguredCatalog current() {
        return current.get();
    }

    void swap(ConfiguredCatalog next) {
        current.set(next);
    }

    @Override
    public Optional<IscsiTarget> find(String targetName) {
        return current.get().find(targetName);
    }

    @Override
    public List<IscsiTarget> discoverable(String initiatorName, InetSocketAddress localAddress) {
        return current.get().discoverable(initiatorName, localAddress);
    }

    @Override
    public Optional<ChapCredentials> discoveryChap(String initiatorName) {
        return current.get().discoveryChap(initiatorName);
    }
}
