package io.blockhouse.iscsi.testing;

import io.blockhouse.iscsi.ChapCredentials;
import io.blockhouse.iscsi.IscsiTarget;
import io.blockhouse.iscsi.TargetCatalog;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A mutable in-memory {@link TargetCatalog} for tests. */
public final class TestCatalog implements TargetCatalog {
    private final Map<String, TestTarget> targets = new ConcurrentHashMap<>();
    public volatile ChapCredentials discoveryChap;

    public TestCatalog add(TestTarget t) {
        targets.put(t.name().toLowerCase(Locale.ROOT), t);
        return this;
    }

    public List<TestTarget> targets() {
        return new ArrayList<>(targets.values());
    }

    @Override
    public Optional<IscsiTarget> find(String targetName) {
        return Optional.ofNullable(targets.get(targetName.toLowerCase(Locale.ROOT)));
    }

    @Override
    public List<IscsiTarget> discoverable(String initiatorName, InetSocketAddress localAddress) {
        List<IscsiTarget> result = new ArrayList<>();
        for (TestTarget t : targets.values()) {
            if (t.enabled() && t.admits(initiatorName)) {
                result.add(t);
            }
        }
        result.sort((a, b) -> a.name().compareTo(b.name()));
        return result;
    }

    @Override
    public Optional<ChapCredentials> discoveryChap(String initiatorName) {
        return Optional.ofNullable(discoveryChap);
    }
}
