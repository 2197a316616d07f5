package io.blockhouse.scsi.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link LunCounters} of one party (a session or a target port), by LUN number and device. Looked up only when
 * a LUN map is installed, never per command; entries are kept when a LUN is unmapped, so counters never go back.
 */
public final class LunCounterTable {
    private record Key(int lun, String device) {
    }

    private final ConcurrentHashMap<Key, LunCounters> counters = new ConcurrentHashMap<>();

    /**
     * The counters of {@code device} at {@code lun}, created on first use.
     *
     * @param parent where the new counters also count (the target port's table), or null
     */
    public LunCounters counters(int lun, String device, LunCounterTable parent) {
        return counters.computeIfAbsent(new Key(lun, device),
                k -> new LunCounters(lun, device, parent == null ? null : parent.counters(lun, device, null)));
    }

    /** Every entry, by LUN then device. */
    public List<LunCounters.Snapshot> snapshot() {
        List<LunCounters.Snapshot> out = new ArrayList<>();
        counters.values().forEach(c -> out.add(c.snapshot()));
        out.sort(Comparator.comparingInt(LunCounters.Snapshot::lun).thenComparing(LunCounters.Snapshot::device));
        return out;
    }
}
