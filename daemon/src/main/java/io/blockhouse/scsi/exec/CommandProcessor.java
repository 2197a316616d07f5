package io.blockhouse.scsi.exec;

import io.blockhouse.scsi.sense.SenseException;
import java.util.List;

/**
 * Executes one SCSI command (one opcode, or one service action of an opcode). Implementations are stateless and
 * shared by every logical unit; all per-command state lives in the {@link CommandContext}.
 */
public interface CommandProcessor {

    /** The opcodes / service actions this processor serves, with their CDB usage data for REPORT SUPPORTED OPCODES. */
    List<CommandDescriptor> descriptors();

    /**
     * Whether {@code unit} offers the command or service action {@code d} describes: REPORT SUPPORTED OPERATION
     * CODES lists only those. True unless the unit's back-end lacks what the command needs (execute then refuses
     * it as well).
     */
    default boolean offers(CommandDescriptor d, LogicalUnitView unit) {
        return true;
    }

    /**
     * False when the command does not exist for this nexus at the moment (e.g. SET TARGET PORT GROUPS without
     * explicit ALUA); REPORT SUPPORTED OPERATION CODES then leaves it out.
     */
    default boolean available(NexusView nexus) {
        return true;
    }

    /** True when the command may block on back-end I/O and must therefore run on the I/O executor. */
    boolean usesBackend();

    /**
     * True when the command's back-end work is one bounded transfer (READ, WRITE) that may run on the receiving
     * thread when the back-end is {@link io.blockhouse.backend.NonBlocking}. Commands whose cost grows with a range
     * the initiator chooses without a data transfer to match (WRITE SAME, UNMAP, VERIFY) or that wait on other
     * commands keep the I/O executor.
     */
    default boolean inlineOnNonBlockingBackend() {
        return false;
    }

    /**
     * For a command that {@link #inlineOnNonBlockingBackend} and transfers data to the medium: whether this one must
     * reach stable storage before it completes (FUA, or the write cache disabled). Such a write waits for the
     * device and is not queued behind other writes ({@link io.blockhouse.backend.SerializedWrites}).
     */
    default boolean durableWrite(CommandContext ctx) {
        return true;
    }

    /**
     * For a cached (not {@link #durableWrite durable}) write whose only back-end work is one write: whether it may be
     * tried on the receiving thread when the back-end offers {@link io.blockhouse.backend.QuickWrites}. Commands that
     * also read, flush or discard keep the I/O executor, since only the write itself can be tried without waiting.
     */
    default boolean tryCachedWriteInline() {
        return false;
    }

    /**
     * Runs the command. Must not release {@code ctx.dataOut()} (the logical unit does). Should call
     * {@link CommandContext#declareTransferLength} as soon as the CDB is decoded so that residuals are right even
     * when the command then fails.
     */
    CommandResponse execute(CommandContext ctx) throws SenseException;
}
