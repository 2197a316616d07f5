package io.blockhouse.iscsi.testing;

import io.blockhouse.iscsi.ChapCredentials;
import io.blockhouse.iscsi.IscsiTarget;
import io.blockhouse.scsi.Nexus;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A configurable {@link IscsiTarget} whose nexuses are {@link MemoryNexus} instances kept for inspection. */
public final class TestTarget implements IscsiTarget {
    private final String name;
    private final byte[] disk;
    public volatile boolean enabled = true;
    public volatile Set<String> deniedInitiators = Set.of();
    public volatile ChapCredentials chap;
    public volatile List<InetSocketAddress> portals = List.of();
    public volatile String alias = "";
    public volatile int tpgt = 1;
    private final List<MemoryNexus> nexuses = new ArrayList<>();
    /** Where the nexuses allocate Data-In; tests swap in a {@link TrackingAllocator}. */
    public volatile io.netty.buffer.ByteBufAllocator allocator = io.netty.buffer.ByteBufAllocator.DEFAULT;

    public TestTarget(String name, int blocks) {
        this.name = name;
        this.disk = new byte[blocks * MemoryNexus.BLOCK];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String alias() {
        return alias;
    }

    @Override
    public int portalGroupTag() {
        return tpgt;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public List<InetSocketAddress> portals() {
        return portals;
    }

    @Override
    public boolean admits(String initiatorName) {
        return !deniedInitiators.contains(initiatorName);
    }

    @Override
    public Optional<ChapCredentials> chapFor(String initiatorName) {
        return Optional.ofNullable(chap);
    }

    @Override
    public synchronized Nexus openNexus(String initiatorName, byte[] isid) {
        MemoryNexus n = new MemoryNexus(disk, allocator);
        nexuses.add(n);
        return n;
    }

    public synchronized List<MemoryNexus> nexuses() {
        return new ArrayList<>(nexuses);
    }

    public synchronized MemoryNexus lastNexus() {
        return nexuses.get(nexuses.size() - 1);
    }
}
