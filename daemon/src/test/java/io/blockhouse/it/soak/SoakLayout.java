package io.blockhouse.it.soak;

import io.blockhouse.it.DaemonConfig;
import io.blockhouse.it.crash.BlockPattern;
import java.util.ArrayList;
import java.util.List;

/**
 * The soak's configuration: two targets, each with a RAM-backed LUN 0 and a file-backed LUN 1 shared by many slots
 * (each slot owning its own LBA range) and two small RAM LUNs (2, 3) that each belong to a single slot, so that slot's
 * LOGICAL UNIT RESET (which aborts every initiator's tasks on the unit) disturbs no one else. Slots spread over
 * {@value #INITIATORS} initiator names.
 */
final class SoakLayout {

    static final String TARGET_PREFIX = "iqn.2026-11.io.blockhouse.it:soak-";
    static final String INITIATOR_PREFIX = "iqn.2026-11.io.blockhouse.it:soak-host";
    static final int INITIATORS = 4;
    /** Blocks (4 KiB) each slot owns on its shared LUN and on its private one: 1 MiB. */
    static final int RANGE_BLOCKS = 256;
    private static final String[] TARGETS = {"a", "b"};
    private static final int SHARED_LUNS = 2;
    private static final int PRIVATE_LUNS_PER_TARGET = 2;

    private SoakLayout() {
    }

    /** Slot {@code i} of {@code sessions}. */
    static Slot slot(int i) {
        int target = i % TARGETS.length;
        int lun = (i / TARGETS.length) % SHARED_LUNS;
        int range = i / (TARGETS.length * SHARED_LUNS);
        int initiator = range % INITIATORS;
        int resetters = TARGETS.length * PRIVATE_LUNS_PER_TARGET;
        int privateLun = i < resetters ? SHARED_LUNS + i / TARGETS.length : -1;
        boolean nopVictim = i % 16 == 7;
        return new Slot(i, INITIATOR_PREFIX + initiator, TARGET_PREFIX + TARGETS[target], lun,
                (long) range * RANGE_BLOCKS, RANGE_BLOCKS, privateLun, nopVictim);
    }

    static List<Slot> slots(int sessions) {
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            slots.add(slot(i));
        }
        return slots;
    }

    /**
     * The daemon configuration for {@code sessions} slots: devices sized to hold every range, 4 KiB blocks (the
     * pattern's), NOP-In pings every {@code nopIntervalSeconds} with {@code nopTimeoutSeconds} to answer.
     */
    static DaemonConfig config(int sessions, int nopIntervalSeconds, int nopTimeoutSeconds) {
        int rangesPerLun = (sessions + TARGETS.length * SHARED_LUNS - 1) / (TARGETS.length * SHARED_LUNS);
        long sharedMiB = Math.max(1, (long) rangesPerLun * RANGE_BLOCKS * BlockPattern.BLOCK >> 20);
        long privateMiB = (long) RANGE_BLOCKS * BlockPattern.BLOCK >> 20;
        DaemonConfig config = new DaemonConfig().iscsi("nopInIntervalSeconds", nopIntervalSeconds)
                .iscsi("nopInTimeoutSeconds", nopTimeoutSeconds);
        for (String t : TARGETS) {
            config.device("ram-" + t, "ram").put("size", sharedMiB + "M").put("blockSize", BlockPattern.BLOCK);
            config.device("file-" + t, "file").put("path", "soak-" + t + ".img").put("size", sharedMiB + "M")
                    .put("blockSize", BlockPattern.BLOCK);
            DaemonConfig.Target target = config.target(TARGET_PREFIX + t).lun(0, "ram-" + t).lun(1, "file-" + t);
            for (int p = 0; p < PRIVATE_LUNS_PER_TARGET; p++) {
                String device = "reset-" + t + p;
                config.device(device, "ram").put("size", privateMiB + "M").put("blockSize", BlockPattern.BLOCK);
                target.lun(SHARED_LUNS + p, device);
            }
        }
        return config;
    }
}
