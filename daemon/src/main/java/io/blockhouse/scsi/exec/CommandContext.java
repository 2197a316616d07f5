package io.blockhouse.scsi.exec;

import io.blockhouse.backend.BlockBackend;
import io.blockhouse.scsi.LogicalUnitSpec;
import io.blockhouse.scsi.mode.ModePages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletableFuture;

/**
 * Everything a processor needs to execute one command. {@code dataOut} is borrowed: the logical unit owns and
 * releases it after the processor returns.
 */
public final class CommandContext {
    private final LogicalUnitView unit;
    private final NexusView nexus;
    private final boolean mappingReadOnly;
    private final byte[] cdb;
    private final ByteBuf dataOut;
    private int transferLength;
    private boolean mustNotBlock;
    private CompletableFuture<Void> abortRequested = new CompletableFuture<>();

    public CommandContext(LogicalUnitView unit, NexusView nexus, boolean mappingReadOnly, byte[] cdb,
                          ByteBuf dataOut) {
        this.unit = unit;
        this.nexus = nexus;
        this.mappingReadOnly = mappingReadOnly;
        this.cdb = cdb;
        this.dataOut = dataOut;
    }

    /**
     * A context for running part of this command against another unit of the same nexus (EXTENDED COPY): that
     * unit's back-end, limits and mode pages, this command's CDB, no Data-Out.
     */
    public CommandContext forUnit(MappedUnit other) {
        return new CommandContext(other.unit(), nexus, other.readOnly(), cdb, null);
    }

    /** Completes when task management asks to abort this command while it runs; never completes by default. */
    public CompletableFuture<Void> abortRequested() {
        return abortRequested;
    }

    /** Ties {@link #abortRequested()} to the task's abort request; the logical unit calls it before execution. */
    public void watchAbort(CompletableFuture<Void> signal) {
        this.abortRequested = signal;
    }

    public LogicalUnitView unit() {
        return unit;
    }

    public NexusView nexus() {
        return nexus;
    }

    public byte[] cdb() {
        return cdb;
    }

    /** Data-Out as received (may be shorter than the CDB asks for), or null. Do not release. */
    public ByteBuf dataOut() {
        return dataOut;
    }

    /** Data-Out bytes received. */
    public int dataOutLength() {
        return dataOut == null ? 0 : dataOut.readableBytes();
    }

    public LogicalUnitSpec spec() {
        return unit.spec();
    }

    public long blocks() {
        return unit.blocks();
    }

    public int blockSize() {
        return unit.spec().logicalBlockSize();
    }

    public BlockBackend backend() {
        return unit.backend();
    }

    public ModePages modePages() {
        return unit.modePages();
    }

    /** True when writes must fail with DATA PROTECT: read-only LU, read-only mapping, or SWP set. */
    public boolean writeProtected() {
        return unit.spec().readOnly() || mappingReadOnly || unit.modePages().softwareWriteProtect();
    }

    public ByteBufAllocator allocator() {
        return ByteBufAllocator.DEFAULT;
    }

    /** Records the number of bytes the CDB transfers (for the transport's residual computation). */
    public void declareTransferLength(long bytes) {
        this.transferLength = (int) Math.min(bytes, Integer.MAX_VALUE);
    }

    public int transferLength() {
        return transferLength;
    }

    /**
     * True while the logical unit tries the command on the network thread: back-end I/O that would have to wait
     * throws {@link WouldBlockException} instead, and the unit runs the command again on the I/O executor.
     */
    public boolean mustNotBlock() {
        return mustNotBlock;
    }

    public void mustNotBlock(boolean value) {
        this.mustNotBlock = value;
    }
}
