package io.blockhouse.scsi;

import static io.blockhouse.scsi.ScsiHarness.assertGood;
import static io.blockhouse.scsi.ScsiHarness.cdb;
import static io.blockhouse.scsi.ScsiHarness.dataIn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.scsi.alua.AccessState;
import io.blockhouse.scsi.alua.AluaState;
import io.blockhouse.scsi.alua.PortGroup;
import io.blockhouse.scsi.alua.TargetPortGroups;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ALUA through the command set: REPORT and SET TARGET PORT GROUPS byte by byte, the TPGS bits, the VPD 83h target
 * port group designator, and what each access state lets through.
 */
class AluaCommandsTest {
    private static final byte[] RTPG = cdb(0xA3, 0x0A, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0);
    private static final byte[] RTPG_EXTENDED = cdb(0xA3, 0x2A, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0);
    private static final byte[] TUR = cdb(0x00);

    private final ScsiHarness h = ScsiHarness.standard();
    private final TargetPortGroups groups = new TargetPortGroups(twoGroups(false, AccessState.STANDBY));
    private final TargetPort portA = new TargetPort(ScsiHarness.TARGET + ",t,0x0002", 2, groups);
    private final TargetPort portB = new TargetPort(ScsiHarness.TARGET + ",t,0x0003", 3, groups);

    /** Group 1 (preferred, active/optimized) holds port 2; group 2 (in {@code second}) holds port 3. */
    private static AluaState twoGroups(boolean explicit, AccessState second) {
        return new AluaState(explicit, List.of(
                new PortGroup(1, "a", AccessState.ACTIVE_OPTIMIZED, true, PortGroup.Status.NONE, List.of(2)),
                new PortGroup(2, "b", second, false, PortGroup.Status.NONE, List.of(3))));
    }

    @AfterEach
    void close() {
        h.close();
    }

    private Nexus ready(TargetPort port, String initiator) {
        Nexus n = port.openNexus(initiator, new byte[] {0x40, 0, 0, 0, 0, 1}, h.map(false));
        ScsiResult first = h.run(n, 0, cdb(0x12, 0, 0, 0, 36, 0));
        assertGood(first);
        // Consume the power-on unit attention through a command the standby gate lets through.
        SenseAssert.assertSense(h.run(n, 0, cdb(0x1A, 0, 0x3F, 0, 255, 0)), 0x6, 0x29, 0x00);
        return n;
    }

    @Test
    void reportTargetPortGroupsLengthOnlyFormat() {
        Nexus n = ready(portA, ScsiHarness.INITIATOR_A);
        byte[] d = dataIn(h.run(n, 0, RTPG));
        assertArrayEquals(new byte[] {
            0, 0, 0, 24,
            (byte) 0x80, (byte) 0x8F, 0, 1, 0, 0, 0, 1, // PREF + active/optimized; T,U,S,AN,AO supported; group 1
            0, 0, 0, 2,
            0x02, (byte) 0x8F, 0, 2, 0, 0, 0, 1, // standby; group 2
            0, 0, 0, 3}, d);
    }

    @Test
    void withoutGroupsThePortIsAloneInTheDefaultGroupWhichStaysActiveOptimized() {
        TargetPortGroups implicitOnly = new TargetPortGroups(AluaState.allOptimized(List.of(7)));
        TargetPort alone = new TargetPort(ScsiHarness.TARGET + ",t,0x0001", 7, implicitOnly);
        Nexus n = ready(alone, ScsiHarness.INITIATOR_A);
        assertArrayEquals(new byte[] {0, 0, 0, 12, 0x00, 0x01, 0, 0, 0, 0, 0, 1, 0, 0, 0, 7},
                dataIn(h.run(n, 0, RTPG)));
        implicitOnly.replace(new AluaState(true, implicitOnly.current().groups()));
        SenseAssert.assertSense(h.run(n, 0, stpg(8), stpgList(0, 2)), 0x5, 0x26, 0x00);
        assertEquals(AccessState.ACTIVE_OPTIMIZED, implicitOnly.current().stateOf(7));
    }

    @Test
    void reportTargetPortGroupsExtendedHeader() {
        Nexus n = ready(portA, ScsiHarness.INITIATOR_A);
        byte[] d = dataIn(h.run(n, 0, RTPG_EXTENDED));
        assertEquals(32, d.length); // 8-byte extended header + two 12-byte descriptors
        assertArrayEquals(new byte[] {0, 0, 0, 28, 0x10, 0, 0, 0}, Arrays.copyOf(d, 8));
        assertArrayEquals(new byte[] {(byte) 0x80, (byte) 0x8F, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2},
                Arrays.copyOfRange(d, 8, 20));
    }

    @Test
    void reportTargetPortGroupsCutAtAllocationLengthKeepsFullLength() {
        Nexus n = ready(portA, ScsiHarness.INITIATOR_A);
        byte[] d = dataIn(h.run(n, 0, cdb(0xA3, 0x0A, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0)));
        assertArrayEquals(new byte[] {0, 0, 0, 24, (byte) 0x80, (byte) 0x8F}, d);
    }

    @Test
    void reportTargetPortGroupsRejectsUnknownFormat() {
        Nexus n = ready(portA, ScsiHarness.INITIATOR_A);
        SenseAssert.assertSense(h.run(n, 0, cdb(0xA3, 0x4A, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0)), 0x5, 0x24, 0x00);
    }

    @Test
    void inquiryReportsImplicitOrExplicitTpgs() {
        Nexus n = ready(portA, ScsiHarness.INITIATOR_A);
        assertEquals(0x10, dataIn(h.run(n, 0, cdb(0x12, 0, 0, 0, 96, 0)))[5] & 0x30);
        groups.replace(twoGroups(true, AccessState.STANDBY));
        assertEquals(0x30, dataIn(h.run(n, 0, cdb(0x12, 0, 0, 0, 96, 0)))[5] & 0x30);
    }

    @Test
    void deviceIdentificationNamesPortAndGroupOfTheNexus() {
        Nexus a = ready(portA, ScsiHarness.INITIATOR_A);
        Nexus b = ready(portB, ScsiHarness.INITIATOR_B);
        byte[] da = dataIn(h.run(a, 0, cdb(0x12, 1, 0x83, 0, 255, 0)));
        byte[] db = dataIn(h.run(b, 0, cdb(0x12, 1, 0x83, 0, 255, 0)));
        assertTrue(contains(da, new byte[] {0x51, (byte) 0x94, 0, 4, 0, 0, 0, 2}), "relative port 2");
        assertTrue(contains(da, new byte[] {0x51, (byte) 0x95, 0, 4, 0, 0, 0, 1}), "port group 1");
        assertTrue(contains(db, new byte[] {0x51, (byte) 0x94, 0, 4, 0, 0, 0, 3}), "relative port 3");
        assertTrue(contains(db, new byte[] {0x51, (byte) 0x95, 0, 4, 0, 0, 0, 2}), "port group 2");
    }

    @Test
    void standbyRefusesMediaAccessButAnswersInquiryAndReports() {
        Nexus b = ready(portB, ScsiHarness.INITIATOR_B);
        SenseAssert.assertSense(h.run(b, 0, TUR), 0x2, 0x04, 0x0B);
        SenseAssert.assertSense(h.run(b, 0, ScsiHarness.read10(0, 1)), 0x2, 0x04, 0x0B);
        SenseAssert.assertSense(h.run(b, 0, cdb(0x25)), 0x2, 0x04, 0x0B); // READ CAPACITY (10)
        assertGood(h.run(b, 0, cdb(0x12, 0, 0, 0, 96, 0)));
        assertGood(h.run(b, 0, cdb(0xA0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0)));
        assertGood(h.run(b, 0, RTPG));
        assertGood(h.run(b, 0, cdb(0x1A, 0, 0x3F, 0, 255, 0))); // MODE SENSE is allowed in standby
        assertGood(h.run(b, 0, cdb(0x5E, 0, 0, 0, 0, 0, 0, 0x10, 0, 0))); // PERSISTENT RESERVE IN
        // The other group's port is untouched.
        Nexus a = ready(portA, ScsiHarness.INITIATOR_A);
        assertGood(h.run(a, 0, TUR));
        assertGood(h.run(a, 0, ScsiHarness.read10(0, 1)));
    }

    @Test
    void unavailableAllowsLessThanStandby() {
        groups.replace(twoGroups(false, AccessState.UNAVAILABLE));
        Nexus b = ready(portB, ScsiHarness.INITIATOR_B);
        SenseAssert.assertSense(h.run(b, 0, TUR), 0x2, 0x04, 0x0C);
        SenseAssert.assertSense(h.run(b, 0, cdb(0x1A, 0, 0x3F, 0, 255, 0)), 0x2, 0x04, 0x0C);
        assertGood(h.run(b, 0, RTPG));
        assertGood(h.run(b, 0, cdb(0x12, 0, 0, 0, 96, 0)));
    }

    @Test
    void transitioningAnswersAsymmetricAccessStateTransition() {
        groups.replace(twoGroups(true, AccessState.TRANSITIONING));
        Nexus b = ready(portB, ScsiHarness.INITIATOR_B);
        SenseAssert.assertSense(h.run(b, 0, ScsiHarness.write10(0, 1, 0), new byte[512]), 0x2, 0x04, 0x0A);
        SenseAssert.assertSense(h.run(b, 0, stpg(8), stpgList(2, 0)), 0x2, 0x04,
                0x0A);
        assertGood(h.run(b, 0, RTPG));
    }

    @Test
    void activeNonOptimizedProcessesEverything() {
        groups.replace(twoGroups(false, AccessState.ACTIVE_NON_OPTIMIZED));
        Nexus b = ready(portB, ScsiHarness.INITIATOR_B);
        assertGood(h.run(b, 0, TUR));
        assertGood(h.run(b, 0, ScsiHarness.write10(0, 1, 0), new byte[512]));
    }

    @Test
    void setTargetPortGroupsWithoutExplicitAluaIsAnUnsupportedCommand() {
        Nexus a = ready(portA, ScsiHarness.INITIATOR_A);
        SenseAssert.assertSense(h.run(a, 0, stpg(8), stpgList(2, 0)), 0x5, 0x20, 0x00);
        assertEquals(AccessState.STANDBY, groups.current().stateOf(3));
        // ... and REPORT SUPPORTED OPERATION CODES does not offer it (opcode A4h, service action 0Ah).
        byte[] one = dataIn(h.run(a, 0, cdb(0xA3, 0x0C, 0x02, 0xA4, 0, 0x0A, 0, 0, 1, 0, 0, 0)));
        assertEquals(0x01, one[1] & 0x07);
        byte[] rtpg = dataIn(h.run(a, 0, cdb(0xA3, 0x0C, 0x02, 0xA3, 0, 0x0A, 0, 0, 1, 0, 0, 0)));
        assertEquals(0x03, rtpg[1] & 0x07);
    }

    @Test
    void setTargetPortGroupsChangesStatesAndTellsTheOthers() {
        groups.replace(twoGroups(true, AccessState.STANDBY));
        Nexus a = ready(portA, ScsiHarness.INITIATOR_A);
        Nexus b = ready(portB, ScsiHarness.INITIATOR_B);
        List<Object> heard = new java.util.ArrayList<>();
        groups.addListener((states, requester) -> {
            heard.add(requester);
            heard.add(states);
            portA.raiseUnitAttention(io.blockhouse.scsi.alua.AluaSense.ASYMMETRIC_ACCESS_STATE_CHANGED, requester);
            portB.raiseUnitAttention(io.blockhouse.scsi.alua.AluaSense.ASYMMETRIC_ACCESS_STATE_CHANGED, requester);
        });
        byte[] rsoc = dataIn(h.run(a, 0, cdb(0xA3, 0x0C, 0x02, 0xA4, 0, 0x0A, 0, 0, 1, 0, 0, 0)));
        assertEquals(0x03, rsoc[1] & 0x07);
        assertArrayEquals(new byte[] {(byte) 0xA4, 0x1F, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, 0, 0}, Arrays.copyOfRange(rsoc, 4, 16));
        // Group 2 to active/optimized, group 1 to active/non-optimized: a fail-over.
        byte[] list = {0, 0, 0, 0, 0x00, 0, 0, 2, 0x01, 0, 0, 1};
        assertGood(h.run(b, 0, stpg(list.length), list));
        assertEquals(AccessState.ACTIVE_OPTIMIZED, groups.current().stateOf(3));
        assertEquals(AccessState.ACTIVE_NON_OPTIMIZED, groups.current().stateOf(2));
        assertEquals(List.of(ScsiHarness.INITIATOR_B + ",i,0x400000000001",
                Map.of(2, AccessState.ACTIVE_OPTIMIZED, 1, AccessState.ACTIVE_NON_OPTIMIZED)), heard);
        // The requester goes on; the other initiator first hears ASYMMETRIC ACCESS STATE CHANGED.
        assertGood(h.run(b, 0, TUR));
        SenseAssert.assertSense(h.run(a, 0, TUR), 0x6, 0x2A, 0x06);
        assertGood(h.run(a, 0, TUR));
        byte[] d = dataIn(h.run(a, 0, RTPG));
        assertEquals(0x01, d[4] & 0x0F); // group 1 now active/non-optimized ...
        assertEquals(0x01, d[9]); // ... altered by SET TARGET PORT GROUPS
        assertEquals(0x00, d[16] & 0x0F);
    }

    @Test
    void setTargetPortGroupsChecksTheWholeListFirst() {
        groups.replace(twoGroups(true, AccessState.STANDBY));
        Nexus a = ready(portA, ScsiHarness.INITIATOR_A);
        // Second descriptor names group 9, which does not exist: nothing changes.
        byte[] list = {0, 0, 0, 0, 0x00, 0, 0, 2, 0x00, 0, 0, 9};
        ScsiResult r = h.run(a, 0, stpg(list.length), list);
        SenseAssert.assertSense(r, 0x5, 0x26, 0x00);
        assertEquals(AccessState.STANDBY, groups.current().stateOf(3));
        // Transitioning cannot be asked for.
        SenseAssert.assertSense(h.run(a, 0, stpg(8), new byte[] {0, 0, 0, 0, 0x0F, 0, 0, 2}), 0x5, 0x26,
                0x00);
        // A parameter list that is not header + whole descriptors.
        SenseAssert.assertSense(h.run(a, 0, stpg(6), new byte[6]), 0x5, 0x1A, 0x00);
        // Length 0 is no change at all.
        assertGood(h.run(a, 0, stpg(0)));
        assertEquals(AccessState.STANDBY, groups.current().stateOf(3));
    }

    /** SET TARGET PORT GROUPS with this PARAMETER LIST LENGTH. */
    private static byte[] stpg(int length) {
        return cdb(0xA4, 0x0A, 0, 0, 0, 0, length >>> 24, length >>> 16, length >>> 8, length, 0, 0);
    }

    private static byte[] stpgList(int group, int state) {
        return new byte[] {0, 0, 0, 0, (byte) state, 0, (byte) (group >>> 8), (byte) group};
    }

    private static boolean contains(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
