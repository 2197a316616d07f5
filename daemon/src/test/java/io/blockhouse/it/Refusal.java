package io.blockhouse.it;

import static org.junit.jupiter.api.Assertions.fail;

import io.blockhouse.it.initiator.IscsiConnection;
import io.blockhouse.it.initiator.Opcodes;
import io.blockhouse.it.initiator.Pdu;
import io.blockhouse.it.initiator.ReceiveOutcome;
import java.time.Duration;

/**
 * How a target refused hostile input on one connection: a Reject PDU, a failed Login Response, or closing the
 * connection. {@link #await} waits (bounded) for one of them and fails the test on silence or on any other answer.
 */
public record Refusal(Kind kind, Pdu pdu) {

    /** The kinds of refusal. */
    public enum Kind { REJECT, LOGIN_REFUSED, CLOSED }

    /** The Reject reason (REJECT only). */
    public int rejectReason() {
        return pdu.byteAt(2);
    }

    /**
     * Waits up to {@code timeout} for the target to refuse what was just sent on {@code connection}. Target NOP-In
     * pings are skipped. A Login Response with Status-Class 0 or any other PDU fails the test.
     */
    public static Refusal await(IscsiConnection connection, Duration timeout, String attack) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                fail(attack + ": target neither rejected nor closed within " + timeout);
            }
            ReceiveOutcome outcome = connection.poll(left);
            if (outcome instanceof ReceiveOutcome.Closed) {
                return new Refusal(Kind.CLOSED, null);
            }
            if (outcome instanceof ReceiveOutcome.Garbled garbled) {
                fail(attack + ": target answered with a malformed PDU", garbled.error());
            }
            if (outcome instanceof ReceiveOutcome.TimedOut) {
                fail(attack + ": target neither rejected nor closed within " + timeout);
            }
            Pdu pdu = ((ReceiveOutcome.Received) outcome).pdu();
            switch (pdu.opcode()) {
                case Opcodes.REJECT -> {
                    return new Refusal(Kind.REJECT, pdu);
                }
                case Opcodes.LOGIN_RESPONSE -> {
                    if (pdu.byteAt(36) == 0) {
                        fail(attack + ": target accepted the login: " + pdu);
                    }
                    return new Refusal(Kind.LOGIN_REFUSED, pdu);
                }
                case Opcodes.NOP_IN, Opcodes.ASYNC_MESSAGE -> {
                    // unrelated traffic; keep waiting
                }
                default -> fail(attack + ": expected a refusal, got " + pdu);
            }
        }
    }

    /** A target that refused a login must also drop the connection (RFC 7143: a failed login ends the connection). */
    public static void awaitCloseAfterLoginFailure(IscsiConnection connection, Refusal refusal, String attack) {
        if (refusal.kind() != Kind.CLOSED && !connection.awaitClosed(Duration.ofSeconds(10))) {
            fail(attack + ": target kept the connection open after refusing the login");
        }
    }
}
