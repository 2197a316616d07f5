package io.blockhouse.it.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What all workers did, shared between them and read by the sampler and the final report. Thread-safe. */
final class SoakCounters {

    /** Keep this many failure and mismatch descriptions for the report; the counts include all of them. */
    private static final int KEEP = 20;

    final AtomicLong commands = new AtomicLong();
    final AtomicLong reads = new AtomicLong();
    final AtomicLong writes = new AtomicLong();
    final AtomicLong blocksWritten = new AtomicLong();
    final AtomicLong blocksVerified = new AtomicLong();
    final AtomicLong mismatches = new AtomicLong();
    final AtomicLong logins = new AtomicLong();
    final AtomicLong logouts = new AtomicLong();
    final AtomicLong drops = new AtomicLong();
    final AtomicLong dropsWithReadInFlight = new AtomicLong();
    final AtomicLong nopTimeouts = new AtomicLong();
    final AtomicLong abortTask = new AtomicLong();
    final AtomicLong abortTaskSet = new AtomicLong();
    final AtomicLong logicalUnitReset = new AtomicLong();
    final AtomicLong commandsAborted = new AtomicLong();
    final AtomicLong writesAborted = new AtomicLong();
    final AtomicLong unknownBlocksSettled = new AtomicLong();
    final AtomicLong unitAttentions = new AtomicLong();
    final AtomicLong busy = new AtomicLong();
    final AtomicLong liveSessions = new AtomicLong();
    final AtomicLong failures = new AtomicLong();

    private final List<String> failureNotes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> mismatchNotes = Collections.synchronizedList(new ArrayList<>());

    void failure(String who, Throwable error) {
        failures.incrementAndGet();
        if (failureNotes.size() < KEEP) {
            failureNotes.add(who + ": " + error);
        }
    }

    void mismatch(String who, String what) {
        mismatches.incrementAndGet();
        if (mismatchNotes.size() < KEEP) {
            mismatchNotes.add(who + ": " + what);
        }
    }

    List<String> failureNotes() {
        return List.copyOf(failureNotes);
    }

    List<String> mismatchNotes() {
        return List.copyOf(mismatchNotes);
    }

    long tmfs() {
        return abortTask.get() + abortTaskSet.get() + logicalUnitReset.get();
    }

    /** Every figure by name, in a stable order, for the report and the documentation. */
    Map<String, Long> figures() {
        Map<String, Long> f = new LinkedHashMap<>();
        f.put("commands", commands.get());
        f.put("reads", reads.get());
        f.put("writes", writes.get());
        f.put("blocksWritten", blocksWritten.get());
        f.put("blocksVerified", blocksVerified.get());
        f.put("mismatches", mismatches.get());
        f.put("logins", logins.get());
        f.put("logouts", logouts.get());
        f.put("drops", drops.get());
        f.put("dropsWithReadInFlight", dropsWithReadInFlight.get());
        f.put("nopTimeouts", nopTimeouts.get());
        f.put("abortTask", abortTask.get());
        f.put("abortTaskSet", abortTaskSet.get());
        f.put("logicalUnitReset", logicalUnitReset.get());
        f.put("commandsAborted", commandsAborted.get());
        f.put("writesAborted", writesAborted.get());
        f.put("unknownBlocksSettled", unknownBlocksSettled.get());
        f.put("unitAttentions", unitAttentions.get());
        f.put("busy", busy.get());
        f.put("failures", failures.get());
        return f;
    }
}
