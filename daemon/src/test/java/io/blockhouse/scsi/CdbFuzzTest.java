package io.blockhouse.scsi;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzzes CDB decoding and execution of the whole command set: a few random CDBs (any opcode, 6 to 32 bytes, with or
 * without Data-Out and any EDTL) submitted through {@link Nexus} to a {@link LogicalUnit} on a RAM back-end. Every
 * command must end with one valid status and well-formed sense; a bad field is a typed SenseException turned into
 * CHECK CONDITION, never an unexpected exception (which the unit would report as HARDWARE ERROR 44/00); see
 * {@link FuzzUnit#submit}.
 *
 * <p>Input layout ({@link FuzzInput}): byte 0 bit 0 = write cache enabled; then up to four commands, each: flags
 * (bit 0 = second nexus, bit 1 = with Data-Out), CDB length selector (6, 10, 12, 16, 32 by value mod 5), the CDB,
 * a 16-bit length: the Data-Out that follows, or else EDTL / 16 for a command without Data-Out.
 */
class CdbFuzzTest {
    private static final int[] CDB_LENGTHS = {6, 10, 12, 16, 32};
    private static final int MAX_INPUT = 64 * 1024;

    @FuzzTest(maxDuration = "20s")
    void command(byte[] input) {
        if (input.length < 1 || input.length > MAX_INPUT) {
            return;
        }
        FuzzInput in = new FuzzInput(input);
        try (FuzzUnit lu = new FuzzUnit((in.u8() & 1) != 0)) {
            for (int i = 0; i < 4 && in.hasMore(); i++) {
                int flags = in.u8();
                int length = CDB_LENGTHS[in.u8() % CDB_LENGTHS.length];
                byte[] cdb = Arrays.copyOf(in.bytes(length), length);
                int size = in.u16();
                if ((flags & 2) != 0) {
                    byte[] dataOut = in.bytes(size);
                    lu.submit(flags & 1, cdb, dataOut, dataOut.length);
                } else {
                    lu.submit(flags & 1, cdb, null, size * 16);
                }
            }
        }
    }
}
