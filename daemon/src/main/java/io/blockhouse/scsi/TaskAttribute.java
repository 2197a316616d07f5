package io.blockhouse.scsi;

/** SAM task attributes, as carried by the iSCSI SCSI Command PDU's ATTR field. */
public enum TaskAttribute {
    UNTAGGED, SIMPLE, ORDERED, HEAD_OF_QUEUE, ACA;

    /** Maps the 3-bit ATTR field of RFC 7143 section 11.3.1 (0 untagged, 1 simple, 2 ordered, 3 head, 4 ACA). */
    public static TaskAttribute fromIscsi(int attr) {
        return switch (attr & 7) {
            case 0 -> UNTAGGED;
            case 2 -> ORDERED;
            case 3 -> HEAD_OF_QUEUE;
            case 4 -> ACA;
            default -> SIMPLE;
        };
    }
}
