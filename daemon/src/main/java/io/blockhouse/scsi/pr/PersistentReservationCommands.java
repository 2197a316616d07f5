package io.blockhouse.scsi.pr;

import io.blockhouse.scsi.exec.CommandProcessor;
import java.util.List;

/** The reservation commands, for registration in a command set. */
public final class PersistentReservationCommands {
    private PersistentReservationCommands() {
    }

    /** PERSISTENT RESERVE IN (4 service actions), OUT (8), RESERVE (6)/(10) and RELEASE (6)/(10). */
    public static List<CommandProcessor> all() {
        return List.of(new ReadKeys(), new ReadReservation(), new ReportCapabilities(), new ReadFullStatus(),
                Register.register(), new Reserve(), new Release(), new Clear(), Preempt.preempt(),
                Preempt.preemptAndAbort(), Register.registerAndIgnoreExistingKey(), new RegisterAndMove(),
                new LegacyReserve(), new LegacyRelease());
    }
}
