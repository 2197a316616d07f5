package io.blockhouse.it.pr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.it.DaemonChecks;
import io.blockhouse.it.DaemonConfig;
import io.blockhouse.it.DaemonProcess;
import io.blockhouse.it.initiator.Cdbs;
import io.blockhouse.it.initiator.IscsiSession;
import io.blockhouse.it.initiator.LoginOptions;
import io.blockhouse.it.initiator.Opcodes;
import io.blockhouse.it.initiator.Pdu;
import io.blockhouse.it.initiator.ScsiOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two initiators (different iSCSI names) against the packaged daemon: a WRITE EXCLUSIVE reservation refuses the
 * other's writes with RESERVATION CONFLICT, PREEMPT AND ABORT takes the reservation over while the victim has
 * commands in flight (each of them ends GOOD or TASK ABORTED, none is lost, and the victim then sees REGISTRATIONS
 * PREEMPTED), and APTPL registrations and the reservation survive a daemon restart on the same data directory.
 */
class ReservationIT {
    private static final Logger log = LoggerFactory.getLogger(ReservationIT.class);
    static final String IQN = "iqn.2026-11.io.blockhouse.it:pr";
    static final String HOST_A = "iqn.2026-11.io.blockhouse.it:host-a";
    static final String HOST_B = "iqn.2026-11.io.blockhouse.it:host-b";
    static final byte[] ISID_A = {0x40, 0, 0, 0, 0x0A, 0x01};
    static final byte[] ISID_B = {0x40, 0, 0, 0, 0x0B, 0x01};
    static final long KEY_A = 0xA000_0000_0000_00AAL;
    static final long KEY_B = 0xB000_0000_0000_00BBL;
    static final int RESERVATION_CONFLICT = 0x18;
    static final int TASK_ABORTED = 0x40;
    static final int WRITE_EXCLUSIVE = 0x1;
    static final int EXCLUSIVE_ACCESS = 0x3;
    static final int APTPL = 0x01;
    static final int IN_FLIGHT = 24;

    private static DaemonConfig config() {
        DaemonConfig config = new DaemonConfig().fileDevice("disk0", "disk0.img", "16M");
        config.target(IQN).lun(0, "disk0");
        return config;
    }

    private static IscsiSession login(DaemonProcess daemon, String name, byte[] isid) throws Exception {
        IscsiSession s = IscsiSession.login(daemon.host(), daemon.port(),
                LoginOptions.builder().initiatorName(name).isid(isid).targetName(IQN).build());
        s.clearUnitAttention(0);
        return s;
    }

    private static byte[] proutCdb(int serviceAction, int type) {
        return new byte[] {0x5F, (byte) serviceAction, (byte) type, 0, 0, 0, 0, 0, 24, 0};
    }

    private static byte[] params(long key, long serviceActionKey, int flags) {
        byte[] p = new byte[24];
        for (int i = 0; i < 8; i++) {
            p[i] = (byte) (key >>> (56 - 8 * i));
            p[8 + i] = (byte) (serviceActionKey >>> (56 - 8 * i));
        }
        p[20] = (byte) flags;
        return p;
    }

    private static ScsiOutcome prout(IscsiSession s, int serviceAction, int type, long key, long sak, int flags)
            throws Exception {
        return s.execute(0, proutCdb(serviceAction, type), params(key, sak, flags), 0);
    }

    private static ScsiOutcome prin(IscsiSession s, int serviceAction) throws Exception {
        return s.execute(0, new byte[] {0x5E, (byte) serviceAction, 0, 0, 0, 0, 0, 0x10, 0, 0}, null, 4096);
    }

    private static long u64(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    private static void good(ScsiOutcome o) {
        assertTrue(o.good(), o.toString());
    }

    @Test
    void writeExclusivePreemptAndAbortAndAptplAcrossARestart(@TempDir Path dir) throws Exception {
        byte[] block = new byte[4096];
        DaemonProcess daemon = DaemonProcess.start(config(), dir);
        try (IscsiSession a = login(daemon, HOST_A, ISID_A); IscsiSession b = login(daemon, HOST_B, ISID_B)) {
            good(prout(a, 0x00, 0, 0, KEY_A, APTPL)); // REGISTER, APTPL
            good(prout(b, 0x00, 0, 0, KEY_B, APTPL));
            good(prout(a, 0x01, WRITE_EXCLUSIVE, KEY_A, 0, 0)); // RESERVE
            assertEquals(RESERVATION_CONFLICT, b.write10(0, 0, block, 512).status(), "B may not write");
            good(b.read10(0, 0, 8, 512));
            good(a.write10(0, 0, block, 512));

            // A pipelines durable (FUA) writes; B preempts and aborts while they are in flight. How many are still
            // in the back-end when the preemption lands depends on timing (the unit test PreemptAndAbortTest pins
            // that down); here every one must end GOOD or TASK ABORTED (TAS=1), none may be lost.
            Set<Integer> tags = new HashSet<>();
            assertTrue(a.parameters().immediateData());
            int immediate = Math.min(65536, Math.min(a.parameters().maxSendDataSegment(),
                    a.parameters().firstBurstLength())) / 512 * 512;
            byte[] chunk = new byte[immediate];
            int blocks = immediate / 512;
            for (int i = 0; i < IN_FLIGHT; i++) {
                int itt = a.newTaskTag();
                tags.add(itt);
                Pdu cmd = a.commandPdu(0, Cdbs.write10((long) blocks * i, blocks, true), itt, chunk.length, false,
                        true, true);
                cmd.data(chunk);
                a.connection().send(cmd);
            }
            good(prout(b, 0x05, EXCLUSIVE_ACCESS, KEY_B, KEY_A, 0)); // PREEMPT AND ABORT
            // Writes that reached the task set before the preemption end GOOD or TASK ABORTED; later ones meet
            // the REGISTRATIONS PREEMPTED unit attention (once), then RESERVATION CONFLICT.
            int aborted = 0;
            int conflicts = 0;
            boolean preemptedSeen = false;
            while (!tags.isEmpty()) {
                Pdu pdu = a.connection().receive();
                if (pdu.opcode() != Opcodes.SCSI_RESPONSE) {
                    continue;
                }
                assertTrue(tags.remove(pdu.initiatorTaskTag()), "one response per command");
                int status = pdu.byteAt(3);
                if (status == 0x02) {
                    byte[] sense = pdu.data(); // 2-byte SenseLength, then fixed-format sense
                    assertEquals(0x2A05, ((sense[2 + 12] & 0xFF) << 8) | (sense[2 + 13] & 0xFF), "2A/05 expected");
                    assertTrue(!preemptedSeen, "the unit attention is reported once");
                    preemptedSeen = true;
                    continue;
                }
                assertTrue(status == 0 || status == TASK_ABORTED || status == RESERVATION_CONFLICT,
                        "GOOD, TASK ABORTED or RESERVATION CONFLICT, got " + status);
                aborted += status == TASK_ABORTED ? 1 : 0;
                conflicts += status == RESERVATION_CONFLICT ? 1 : 0;
            }
            log.info("ReservationIT: of {} pipelined writes, {} aborted, {} refused after the preemption", IN_FLIGHT,
                    aborted, conflicts);
            if (!preemptedSeen) {
                ScsiOutcome ua = a.testUnitReady(0);
                assertEquals(0x06, ua.senseKey(), ua.toString());
                assertEquals(0x2A, ua.asc());
                assertEquals(0x05, ua.ascq(), "REGISTRATIONS PREEMPTED");
            }
            assertEquals(RESERVATION_CONFLICT, a.read10(0, 0, 1, 512).status(), "exclusive access now B's");
            good(prout(a, 0x00, 0, 0, KEY_A, APTPL)); // A registers again, still persisting
            a.logout();
            b.logout();
        } finally {
            DaemonChecks.stopAndCheck(daemon, "ReservationIT-1");
        }
        assertTrue(Files.exists(dir.resolve("data").resolve("reservations").resolve("disk0.json")));

        DaemonProcess again = DaemonProcess.start(config(), dir);
        try (IscsiSession a = login(again, HOST_A, ISID_A); IscsiSession b = login(again, HOST_B, ISID_B)) {
            ScsiOutcome keys = prin(a, 0x00);
            good(keys);
            assertEquals(16, keys.data()[7], "two keys after the restart");
            assertEquals(KEY_B, u64(keys.data(), 8));
            assertEquals(KEY_A, u64(keys.data(), 16));
            ScsiOutcome reservation = prin(a, 0x01);
            good(reservation);
            assertEquals(KEY_B, u64(reservation.data(), 8));
            assertEquals(EXCLUSIVE_ACCESS, reservation.data()[21] & 0x0F);
            assertEquals(RESERVATION_CONFLICT, a.write10(0, 0, block, 512).status(), "still B's reservation");
            good(b.write10(0, 0, block, 512));
            good(prout(b, 0x03, 0, KEY_B, 0, 0)); // CLEAR
            ScsiOutcome cleared = a.testUnitReady(0);
            assertEquals(0x2A, cleared.asc(), cleared.toString());
            assertEquals(0x03, cleared.ascq(), "RESERVATIONS PREEMPTED");
            good(a.write10(0, 0, block, 512));
            a.logout();
            b.logout();
        } finally {
            DaemonChecks.stopAndCheck(again, "ReservationIT-2");
        }
    }
}
