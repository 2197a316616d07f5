package io.blockhouse.scsi.sbc;

import io.blockhouse.scsi.exec.Bytes;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseException;
import io.blockhouse.scsi.vpd.VpdPages;

/**
 * LOGICAL BLOCK ADDRESS and TRANSFER LENGTH of a 6-, 10-, 12- or 16-byte READ/WRITE/VERIFY style CDB, with the
 * checks every such command makes.
 *
 * @param lba               first logical block (unsigned)
 * @param blocks            number of logical blocks
 * @param lengthFieldOffset CDB offset of the TRANSFER LENGTH field, for field pointers
 */
public record BlockRange(long lba, long blocks, int lengthFieldOffset) {

    /** Decodes by the CDB's group code (opcode bits 7-5). {@code sixByteZeroMeans256} is READ(6)/WRITE(6) only. */
    public static BlockRange decode(byte[] cdb, boolean sixByteZeroMeans256) {
        int group = (cdb[0] & 0xE0) >>> 5;
        return switch (group) {
            case 0 -> {
                int n = Bytes.u8(cdb, 4);
                yield new BlockRange(Bytes.u24(cdb, 1) & 0x1FFFFF, n == 0 && sixByteZeroMeans256 ? 256 : n, 4);
            }
            case 1, 2 -> new BlockRange(Bytes.u32(cdb, 2), Bytes.u16(cdb, 7), 7);
            case 4 -> new BlockRange(Bytes.u64(cdb, 2), Bytes.u32(cdb, 10), 10);
            case 5 -> new BlockRange(Bytes.u32(cdb, 2), Bytes.u32(cdb, 6), 6);
            default -> throw new IllegalArgumentException("not a block command: " + (cdb[0] & 0xFF));
        };
    }

    /**
     * LBA OUT OF RANGE unless the LBA is a valid block and the range ends inside the medium (a zero-length range
     * must still start at a valid LBA).
     */
    public BlockRange checkWithin(long capacityBlocks) throws SenseException {
        if (Long.compareUnsigned(lba, capacityBlocks) >= 0 || blocks > capacityBlocks - lba) {
            throw SenseException.of(SenseCodes.LBA_OUT_OF_RANGE);
        }
        return this;
    }

    /** INVALID FIELD IN CDB at the transfer length when it exceeds the block limits VPD maximum. */
    public BlockRange checkTransferLimit(CommandContext ctx) throws SenseException {
        if (blocks > VpdPages.maxTransferBlocks(ctx.blockSize())) {
            throw SenseException.invalidFieldInCdb(lengthFieldOffset, -1);
        }
        return this;
    }

    public long byteOffset(int blockSize) {
        return lba * blockSize;
    }

    public long byteLength(int blockSize) {
        return blocks * blockSize;
    }
}
