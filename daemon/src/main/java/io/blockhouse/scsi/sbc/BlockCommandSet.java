package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.CommandDispatcher;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.pr.PersistentReservationCommands;
import io.blockhouse.scsi.spc.Inquiry;
import io.blockhouse.scsi.spc.ModeSelect;
import io.blockhouse.scsi.spc.ModeSense;
import io.blockhouse.scsi.spc.ReportLuns;
import io.blockhouse.scsi.spc.ReportSupportedOperationCodes;
import io.blockhouse.scsi.spc.ReportSupportedTaskManagementFunctions;
import io.blockhouse.scsi.spc.ReportTargetPortGroups;
import io.blockhouse.scsi.spc.RequestSense;
import io.blockhouse.scsi.spc.SetTargetPortGroups;
import io.blockhouse.scsi.spc.TestUnitReady;
import java.util.ArrayList;
import java.util.List;

/** The command set of a direct-access block device: SPC-4 primary commands plus the SBC-3 ones we implement. */
public final class BlockCommandSet {
    private static final CommandDispatcher DISPATCHER = new CommandDispatcher(withReservations(List.of(
            new TestUnitReady(), new RequestSense(), new Inquiry(), new ReportLuns(),
            ModeSense.six(), ModeSense.ten(), ModeSelect.six(), ModeSelect.ten(),
            new ReportSupportedOperationCodes(), new ReportSupportedTaskManagementFunctions(),
            new ReportTargetPortGroups(), new SetTargetPortGroups(),
            new ReadCapacity10(), new ReadCapacity16(), new Read(), new Write(), new Verify(), new WriteAndVerify(),
            new SynchronizeCache(), new StartStopUnit(),
            new Unmap(), new WriteSame(), new GetLbaStatus(), new CompareAndWrite(), new OrWrite(), new Prefetch(),
            new WriteAtomic16(), new Sanitize(), new ExtendedCopy(), new ReceiveCopyResults(),
            new ReadDefectData())));

    /** Appends PERSISTENT RESERVE IN/OUT and RESERVE/RELEASE (6)/(10) (package io.blockhouse.scsi.pr). */
    private static List<CommandProcessor> withReservations(List<CommandProcessor> commands) {
        List<CommandProcessor> all = new ArrayList<>(commands);
        all.addAll(PersistentReservationCommands.all());
        return all;
    }

    private BlockCommandSet() {
    }

    /** The shared, immutable dispatcher. */
    public static CommandDispatcher dispatcher() {
        return DISPATCHER;
    }
}
