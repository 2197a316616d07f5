package io.blockhouse.scsi;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the parameter lists of PERSISTENT RESERVE OUT (every service action and type), UNMAP, EXTENDED COPY (LID1)
 * and MODE SELECT (6) / (10): well-formed CDBs whose Data-Out is hostile, a short sequence per input on two
 * nexuses so registrations, reservations and copies meet each other. Same invariants as {@link CdbFuzzTest}.
 *
 * <p>Input layout ({@link FuzzInput}): byte 0 bit 0 = write cache enabled; then up to four commands, each: flags
 * (bit 0 = second nexus, bits 1-3 = kind: PROUT, UNMAP, XCOPY, MODE SELECT 6, 10; bit 4 = the CDB claims the
 * 16-bit length that follows instead of the true one), two CDB field bytes (service action or bits, type/scope),
 * the claimed length, the parameter list length (16 bits) and the list.
 */
class ParameterListFuzzTest {
    private static final int MAX_LIST = 8 * 1024;

    private enum Kind { PROUT, UNMAP, XCOPY, MODE_SELECT_6, MODE_SELECT_10 }

    @FuzzTest(maxDuration = "20s")
    void parameterList(byte[] input) {
        if (input.length < 1 || input.length > 4 * (MAX_LIST + 8)) {
            return;
        }
        FuzzInput in = new FuzzInput(input);
        try (FuzzUnit lu = new FuzzUnit((in.u8() & 1) != 0)) {
            for (int i = 0; i < 4 && in.hasMore(); i++) {
                int flags = in.u8();
                Kind kind = Kind.values()[((flags >>> 1) & 7) % Kind.values().length];
                int fieldA = in.u8();
                int fieldB = in.u8();
                int claimed = in.u16();
                byte[] list = in.bytes(Math.min(in.u16(), MAX_LIST));
                int length = (flags & 0x10) != 0 ? claimed : list.length;
                lu.submit(flags & 1, cdb(kind, fieldA, fieldB, length), list, list.length);
            }
        }
    }

    /** {@code a} and {@code b} fill the CDB's variable fields (service action, type, scope, PF/SP bits). */
    static byte[] cdb(Kind kind, int a, int b, int length) {
        byte[] c = new byte[16];
        switch (kind) {
            case PROUT -> {
                c[0] = 0x5F;
                c[1] = (byte) (a & 0x1F);
                c[2] = (byte) b;
                putBe(c, 5, 4, length);
                c[9] = 0;
            }
            case UNMAP -> {
                c[0] = 0x42;
                c[1] = (byte) (a & 1);
                putBe(c, 7, 2, length);
            }
            case XCOPY -> {
                c[0] = (byte) 0x83;
                c[1] = (byte) (a & 0x1F);
                putBe(c, 10, 4, length);
            }
            case MODE_SELECT_6 -> {
                c[0] = 0x15;
                c[1] = (byte) (a & 0x11);
                c[4] = (byte) length;
            }
            case MODE_SELECT_10 -> {
                c[0] = 0x55;
                c[1] = (byte) (a & 0x11);
                putBe(c, 7, 2, length);
            }
            default -> throw new IllegalStateException();
        }
        return c;
    }

    private static void putBe(byte[] c, int offset, int width, int value) {
        for (int i = 0; i < width; i++) {
            c[offset + i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
    }
}
