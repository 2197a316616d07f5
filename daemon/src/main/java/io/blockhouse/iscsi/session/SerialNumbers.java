package io.blockhouse.iscsi.session;

/** RFC 1982 serial number arithmetic on 32-bit sequence numbers, as RFC 7143 section 4.2.2.1 requires. */
public final class SerialNumbers {
    private SerialNumbers() {
    }

    /** a < b in serial arithmetic. */
    public static boolean lessThan(int a, int b) {
        return a != b && (b - a) > 0;
    }

    /** a <= b in serial arithmetic. */
    public static boolean atMost(int a, int b) {
        return a == b || lessThan(a, b);
    }
}
