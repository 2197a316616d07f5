package io.blockhouse.scsi.vpd;

import io.blockhouse.scsi.LogicalUnitSpec;
import io.blockhouse.scsi.exec.Bytes;

/** Standard INQUIRY data (SPC-4 6.6.2) for a direct-access block device. */
public final class StandardInquiryData {
    /** Length of the data we return (additional length 91). */
    public static final int LENGTH = 96;

    /** Version descriptors: SAM-5, SPC-4, SBC-3, iSCSI (no version claimed). */
    static final int[] VERSION_DESCRIPTORS = {0x00A0, 0x0460, 0x04C0, 0x0960};

    private static final int VERSION_SPC4 = 0x06;
    private static final int HISUP = 0x10;
    private static final int RESPONSE_DATA_FORMAT = 0x02;
    private static final int CMDQUE = 0x02;
    private static final int NO_DEVICE = 0x7F; // peripheral qualifier 011b, device type 1Fh

    private StandardInquiryData() {
    }

    /**
     * The TPGS field (byte 5, bits 5-4): 01b implicit ALUA only, 11b implicit and explicit (SET TARGET PORT GROUPS
     * allowed). Every mapped unit supports implicit ALUA, even with no groups configured (one default group).
     */
    public static int tpgs(boolean explicit) {
        return explicit ? 0x30 : 0x10;
    }

    /** The data for a mapped logical unit (peripheral qualifier 0, device type 0). */
    public static byte[] forUnit(LogicalUnitSpec spec) {
        return build(0x00, spec.vendor(), spec.product(), spec.revision());
    }

    /** The data for a LUN that is not mapped on this nexus: no device can be attached there. */
    public static byte[] forUnmappedLun() {
        return build(NO_DEVICE, LogicalUnitSpec.VENDOR, "", "");
    }

    private static byte[] build(int peripheral, String vendor, String product, String revision) {
        byte[] d = new byte[LENGTH];
        d[0] = (byte) peripheral;
        d[2] = VERSION_SPC4;
        d[3] = HISUP | RESPONSE_DATA_FORMAT;
        d[4] = (byte) (LENGTH - 5);
        d[7] = CMDQUE;
        Bytes.putAscii(d, 8, 8, vendor);
        Bytes.putAscii(d, 16, 16, product);
        Bytes.putAscii(d, 32, 4, revision);
        for (int i = 0; i < VERSION_DESCRIPTORS.length; i++) {
            Bytes.put16(d, 58 + 2 * i, VERSION_DESCRIPTORS[i]);
        }
        return d;
    }
}
