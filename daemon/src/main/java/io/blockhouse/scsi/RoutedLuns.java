package io.blockhouse.scsi;

import io.blockhouse.scsi.stats.LunCounterTable;
import io.blockhouse.scsi.stats.LunCounters;
import java.util.Arrays;
import java.util.Collection;

/**
 * A nexus's {@link LunMap} with the session's counters of each LUN resolved once, when the map is installed: the
 * per-command lookup is one binary search over an int array and yields both the unit and its counters.
 */
final class RoutedLuns {
    private final LunMap map;
    private final int[] luns;
    private final LunMap.Entry[] entries;
    private final LunCounters[] counters;

    /**
     * @param session the session's counter table (entries created as needed)
     * @param port    the target port's table: parent of the session's counters
     */
    RoutedLuns(LunMap map, LunCounterTable session, LunCounterTable port) {
        this.map = map;
        Collection<LunMap.Entry> all = map.entries(); // ascending LUN order (a TreeMap underneath)
        this.luns = new int[all.size()];
        this.entries = new LunMap.Entry[all.size()];
        this.counters = new LunCounters[all.size()];
        int i = 0;
        for (LunMap.Entry e : all) {
            luns[i] = e.lun();
            entries[i] = e;
            counters[i] = session.counters(e.lun(), e.unit().spec().name(), port);
            i++;
        }
    }

    LunMap map() {
        return map;
    }

    /** Index of {@code lun}, or negative when it is not mapped (also for the -1 of an undecodable LUN). */
    int indexOf(int lun) {
        return lun < 0 ? -1 : Arrays.binarySearch(luns, lun);
    }

    LunMap.Entry entry(int index) {
        return entries[index];
    }

    LunCounters counters(int index) {
        return counters[index];
    }
}
