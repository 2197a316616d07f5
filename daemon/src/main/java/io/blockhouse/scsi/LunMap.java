package io.blockhouse.scsi;

import io.blockhouse.scsi.exec.LunCodec;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/** Immutable map from LUN number to logical unit, as one initiator sees a target. */
public final class LunMap {
    /**
     * One mapping.
     *
     * @param lun      LUN number (0..16383)
     * @param unit     the logical unit
     * @param readOnly this initiator may not write, even if the unit is writable
     */
    public record Entry(int lun, LogicalUnit unit, boolean readOnly) {
    }

    private static final LunMap EMPTY = new LunMap(new TreeMap<>());

    private final TreeMap<Integer, Entry> entries;

    private LunMap(TreeMap<Integer, Entry> entries) {
        this.entries = entries;
    }

    public static LunMap empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The mapping for {@code lun}, or null. */
    public Entry get(int lun) {
        return entries.get(lun);
    }

    /** LUN numbers, ascending. */
    public List<Integer> luns() {
        return List.copyOf(entries.keySet());
    }

    public Collection<Entry> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    /** True when both maps show the same units under the same LUN numbers with the same read-only flags. */
    public boolean sameMappings(LunMap other) {
        if (!entries.keySet().equals(other.entries.keySet())) {
            return false;
        }
        for (Entry e : entries.values()) {
            Entry o = other.entries.get(e.lun());
            if (o.unit() != e.unit() || o.readOnly() != e.readOnly()) {
                return false;
            }
        }
        return true;
    }

    /** Builds a {@link LunMap}. */
    public static final class Builder {
        private final TreeMap<Integer, Entry> entries = new TreeMap<>();

        private Builder() {
        }

        public Builder add(int lun, LogicalUnit unit, boolean readOnly) {
            Objects.requireNonNull(unit, "unit");
            if (lun < 0 || lun > LunCodec.MAX_LUN) {
                throw new IllegalArgumentException("LUN out of range 0.." + LunCodec.MAX_LUN + ": " + lun);
            }
            if (entries.putIfAbsent(lun, new Entry(lun, unit, readOnly)) != null) {
                throw new IllegalArgumentException("LUN " + lun + " mapped twice");
            }
            return this;
        }

        public LunMap build() {
            return new LunMap(new TreeMap<>(entries));
        }
    }
}
