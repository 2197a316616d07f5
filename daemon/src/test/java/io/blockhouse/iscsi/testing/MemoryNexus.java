package io.blockhouse.iscsi.testing;

import io.blockhouse.scsi.Nexus;
import io.blockhouse.scsi.ScsiCommand;
import io.blockhouse.scsi.ScsiResult;
import io.blockhouse.scsi.ScsiStatus;
import io.blockhouse.scsi.TmfFunction;
import io.blockhouse.scsi.TmfResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Test-only SCSI nexus over in-memory 512-byte blocks (LUN 0). Understands just enough SCSI for the transport tests
 * and for libiscsi's tools: TEST UNIT READY, INQUIRY (standard + VPD 0/0x80/0x83), READ CAPACITY 10/16, READ/WRITE
 * 10/16, REPORT LUNS, MODE SENSE(6). Records submitted commands and TMF calls, and can hold completions back so
 * tests can abort running tasks. Not thread-safe beyond what the tests need (one event loop).
 */
public final class MemoryNexus implements Nexus {
    public static final int BLOCK = 512;

    public record Tmf(TmfFunction function, long lun, long referencedTaskTag) {
    }

    private final byte[] disk;
    private final List<ScsiCommand> submitted = new ArrayList<>();
    private final List<Tmf> tmfCalls = new ArrayList<>();
    private final Map<Long, Consumer<ScsiResult>> held = new LinkedHashMap<>();
    private volatile boolean holdCompletions;
    private volatile boolean closed;
    private final List<byte[]> writes = new ArrayList<>();
    private final ByteBufAllocator alloc;

    public MemoryNexus(int blocks, ByteBufAllocator alloc) {
        this(new byte[blocks * BLOCK], alloc);
    }

    /** A nexus over a shared medium (several sessions of one target see the same blocks). */
    public MemoryNexus(byte[] disk, ByteBufAllocator alloc) {
        this.disk = disk;
        this.alloc = alloc;
    }

    public byte[] disk() {
        return disk;
    }

    public synchronized List<ScsiCommand> submitted() {
        return new ArrayList<>(submitted);
    }

    public synchronized List<Tmf> tmfCalls() {
        return new ArrayList<>(tmfCalls);
    }

    /** Payloads of WRITE commands in submission order. */
    public synchronized List<byte[]> writes() {
        return new ArrayList<>(writes);
    }

    public void holdCompletions(boolean hold) {
        this.holdCompletions = hold;
    }

    public boolean closed() {
        return closed;
    }

    /** Completes held commands (GOOD, no data). */
    public void releaseHeld() {
        List<Consumer<ScsiResult>> done;
        synchronized (this) {
            done = new ArrayList<>(held.values());
            held.clear();
        }
        done.forEach(d -> d.accept(new ScsiResult(ScsiStatus.GOOD, null, null, 0, false)));
    }

    public synchronized int heldCount() {
        return held.size();
    }

    @Override
    public void submit(ScsiCommand command, Consumer<ScsiResult> done) {
        ScsiResult result;
        synchronized (this) {
            submitted.add(new ScsiCommand(command.lun(), command.cdb(), command.expectedDataTransferLength(),
                    command.read(), command.write(), command.attribute(), command.taskTag(), null));
            if (holdCompletions) {
                if (command.dataOut() != null) {
                    command.dataOut().release();
                }
                held.put(command.taskTag(), done);
                return;
            }
            try {
                result = execute(command);
            } finally {
                if (command.dataOut() != null) {
                    command.dataOut().release();
                }
            }
        }
        done.accept(result);
    }

    private ScsiResult execute(ScsiCommand c) {
        byte[] cdb = c.cdb();
        int op = cdb[0] & 0xff;
        switch (op) {
            case 0x00:
                return good(null, 0);
            case 0x12:
                return inquiry(cdb);
            case 0x25: {
                ByteBuf b = alloc.buffer(8);
                b.writeInt(disk.length / BLOCK - 1).writeInt(BLOCK);
                return good(b, 8);
            }
            case 0x9e: {
                if ((cdb[1] & 0x1f) != 0x10) {
                    return checkCondition(0x05, 0x20, 0x00);
                }
                int allocationLength = be32(cdb, 10);
                ByteBuf b = alloc.buffer(32);
                b.writeLong(disk.length / BLOCK - 1).writeInt(BLOCK).writeZero(20);
                return good(truncate(b, allocationLength), 32);
            }
            case 0x28:
                return read(be32(cdb, 2) & 0xffffffffL, be16(cdb, 7));
            case 0x88:
                return read(be64(cdb, 2), be32(cdb, 10) & 0xffffffffL);
            case 0x2a:
                return write(be32(cdb, 2) & 0xffffffffL, be16(cdb, 7), c.dataOut());
            case 0x8a:
                return write(be64(cdb, 2), be32(cdb, 10) & 0xffffffffL, c.dataOut());
            case 0xa0: {
                int allocationLength = be32(cdb, 6);
                ByteBuf b = alloc.buffer(16);
                b.writeInt(8).writeInt(0).writeLong(0);
                return good(truncate(b, allocationLength), 16);
            }
            case 0x1a: {
                int allocationLength = cdb[4] & 0xff;
                ByteBuf b = alloc.buffer(4);
                b.writeByte(3).writeByte(0).writeByte(0).writeByte(0);
                return good(truncate(b, allocationLength), 4);
            }
            default:
                return checkCondition(0x05, 0x20, 0x00);
        }
    }

    private ScsiResult inquiry(byte[] cdb) {
        int allocationLength = be16(cdb, 3);
        boolean evpd = (cdb[1] & 1) != 0;
        ByteBuf b = alloc.buffer();
        if (!evpd) {
            b.writeByte(0).writeByte(0).writeByte(6).writeByte(2).writeByte(31).writeByte(0).writeByte(0)
                    .writeByte(2);
            b.writeBytes(pad("BLKHOUSE", 8)).writeBytes(pad("MEMORY DISK", 16)).writeBytes(pad("0001", 4));
        } else {
            int page = cdb[2] & 0xff;
            switch (page) {
                case 0x00 -> b.writeByte(0).writeByte(0).writeShort(3).writeByte(0).writeByte(0x80).writeByte(0x83);
                case 0x80 -> {
                    byte[] sn = "SN0001".getBytes(StandardCharsets.US_ASCII);
                    b.writeByte(0).writeByte(0x80).writeShort(sn.length).writeBytes(sn);
                }
                case 0x83 -> {
                    byte[] id = pad("BLKHOUSEMEMORY0001", 18);
                    b.writeByte(0).writeByte(0x83).writeShort(4 + id.length);
                    b.writeByte(0x02).writeByte(0x01).writeByte(0).writeByte(id.length).writeBytes(id);
                }
                default -> {
                    b.release();
                    return checkCondition(0x05, 0x24, 0x00);
                }
            }
        }
        int full = b.readableBytes();
        return good(truncate(b, allocationLength), full);
    }

    /** Without overflow for any 64-bit LBA and count (LoginPipelineFuzzTest found (lba + blocks) * BLOCK wrapping). */
    private boolean outOfRange(long lba, long blocks) {
        long capacity = disk.length / BLOCK;
        return lba < 0 || blocks < 0 || blocks > capacity || lba > capacity - blocks;
    }

    private ScsiResult read(long lba, long blocks) {
        if (outOfRange(lba, blocks)) {
            return checkCondition(0x05, 0x21, 0x00);
        }
        int length = (int) blocks * BLOCK;
        ByteBuf b = alloc.directBuffer(length);
        b.writeBytes(disk, (int) lba * BLOCK, length);
        return good(b, length);
    }

    private ScsiResult write(long lba, long blocks, ByteBuf data) {
        if (outOfRange(lba, blocks)) {
            return checkCondition(0x05, 0x21, 0x00);
        }
        int length = (int) blocks * BLOCK;
        int available = data == null ? 0 : data.readableBytes();
        byte[] payload = new byte[Math.min(length, available)];
        if (data != null) {
            data.getBytes(data.readerIndex(), payload);
        }
        System.arraycopy(payload, 0, disk, (int) lba * BLOCK, payload.length);
        writes.add(payload);
        return new ScsiResult(ScsiStatus.GOOD, null, null, length, false);
    }

    private static ScsiResult good(ByteBuf data, int transferLength) {
        return new ScsiResult(ScsiStatus.GOOD, null, data, transferLength, false);
    }

    private static ScsiResult checkCondition(int key, int asc, int ascq) {
        byte[] sense = new byte[18];
        sense[0] = 0x70;
        sense[2] = (byte) key;
        sense[7] = 10;
        sense[12] = (byte) asc;
        sense[13] = (byte) ascq;
        return new ScsiResult(ScsiStatus.CHECK_CONDITION, sense, null, 0, false);
    }

    private static ByteBuf truncate(ByteBuf b, int alloc) {
        // Allocation lengths are unsigned: a 32-bit one above 2^31 read as an int is negative (LoginPipelineFuzzTest
        // found the resulting exception leaking this buffer).
        long limit = alloc & 0xffffffffL;
        if (b.readableBytes() > limit) {
            b.writerIndex(b.readerIndex() + (int) limit);
        }
        return b;
    }

    private static byte[] pad(String s, int n) {
        byte[] out = new byte[n];
        java.util.Arrays.fill(out, (byte) ' ');
        byte[] src = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(src, 0, out, 0, Math.min(n, src.length));
        return out;
    }

    private static int be16(byte[] b, int o) {
        return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
    }

    private static int be32(byte[] b, int o) {
        return (be16(b, o) << 16) | be16(b, o + 2);
    }

    private static long be64(byte[] b, int o) {
        return ((long) be32(b, o) << 32) | (be32(b, o + 4) & 0xffffffffL);
    }

    @Override
    public CompletableFuture<TmfResponse> taskManagement(TmfFunction function, long lun, long referencedTaskTag) {
        List<Consumer<ScsiResult>> aborted = new ArrayList<>();
        synchronized (this) {
            tmfCalls.add(new Tmf(function, lun, referencedTaskTag));
            if (function == TmfFunction.ABORT_TASK) {
                Consumer<ScsiResult> d = held.remove(referencedTaskTag);
                if (d == null) {
                    return CompletableFuture.completedFuture(TmfResponse.TASK_DOES_NOT_EXIST);
                }
                aborted.add(d);
            } else {
                aborted.addAll(held.values());
                held.clear();
            }
        }
        aborted.forEach(d -> d.accept(new ScsiResult(ScsiStatus.TASK_ABORTED, null, null, 0, true)));
        return CompletableFuture.completedFuture(TmfResponse.FUNCTION_COMPLETE);
    }

    @Override
    public synchronized int outstandingTasks() {
        return held.size();
    }

    @Override
    public void close() {
        List<Consumer<ScsiResult>> aborted;
        synchronized (this) {
            closed = true;
            aborted = new ArrayList<>(held.values());
            held.clear();
        }
        aborted.forEach(d -> d.accept(new ScsiResult(ScsiStatus.TASK_ABORTED, null, null, 0, true)));
    }
}
