package io.blockhouse.daemon;

import io.blockhouse.mgmt.ConfigService;
import io.blockhouse.mgmt.MgmtException;
import io.blockhouse.mgmt.PortGroupEdits;
import io.blockhouse.scsi.alua.PortGroup;
import io.blockhouse.scsi.alua.TargetPortGroups;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the states initiators set with SET TARGET PORT GROUPS into the configuration, so the one live model (API,
 * CLI, history) shows them and they survive a restart. Runs on its own thread: the command completes on the event
 * loop without waiting for the fsync of a new generation. Each recording takes the states in force when it runs,
 * so a later SET TARGET PORT GROUPS is never overwritten by an earlier one recorded late.
 */
final class AluaRecorder {

    private static final Logger log = LoggerFactory.getLogger(AluaRecorder.class);

    private final ConfigService service;
    private final TargetPortGroups groups;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "blockhouse-alua-recorder");
        t.setDaemon(true);
        return t;
    });

    private AluaRecorder(ConfigService service, TargetPortGroups groups) {
        this.service = service;
        this.groups = groups;
    }

    /** Starts recording the explicit changes of {@code groups} through {@code service}. */
    static AluaRecorder attach(ConfigService service, TargetPortGroups groups) {
        AluaRecorder recorder = new AluaRecorder(service, groups);
        groups.addListener((states, requester) -> recorder.thread.execute(() -> recorder.record(requester)));
        return recorder;
    }

    private void record(String requester) {
        Map<Integer, String> now = new HashMap<>();
        for (PortGroup g : groups.current().groups()) {
            now.put(g.id(), g.state().configName());
        }
        try {
            service.change("port group states set by " + requester + " (SET TARGET PORT GROUPS)", false,
                    c -> PortGroupEdits.setStates(c, now));
        } catch (MgmtException | RuntimeException e) {
            log.error("recording the port group states set by {} failed: {}", requester, e.getMessage());
        }
    }
}
