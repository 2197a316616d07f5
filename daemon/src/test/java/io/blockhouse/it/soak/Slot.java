package io.blockhouse.it.soak;

/**
 * One of the soak's concurrent sessions: who it logs in as, where, and which blocks it owns. A slot keeps its blocks
 * (and their ledger) across the many sessions it logs in and out during the run, so every read is checked against
 * what that slot last wrote there.
 *
 * @param id            0..sessions-1
 * @param initiatorName the InitiatorName it logs in with
 * @param target        the target it logs in to
 * @param lun           the shared LUN it works on, owning {@code blocks} blocks from {@code firstLba}
 * @param privateLun    a LUN no other slot uses (where it may send LOGICAL UNIT RESET), or -1
 * @param nopVictim     whether it sometimes stops answering the target's NOP-In pings
 */
record Slot(int id, String initiatorName, String target, int lun, long firstLba, int blocks, int privateLun,
            boolean nopVictim) {

    String name() {
        return "slot " + id + " (" + initiatorName.substring(initiatorName.lastIndexOf(':') + 1) + " -> "
                + target.substring(target.lastIndexOf(':') + 1) + " LUN " + lun + ")";
    }
}
