package io.blockhouse.it.realinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The conformance gate on log text shaped as iscsi-test-cu 1.19 prints it (only the listed tests, so "ran N of"). */
class ConformanceGateTest {

    private static final ConformanceIT.Backend FILE = new ConformanceIT.Backend("file",
            ConformanceIT.FIXED_DISK_SKIPS);

    private static List<String> problems(String log) {
        return ConformanceIT.gate(FILE, new CuScore(log)).stream().filter(p -> !p.startsWith("the suite ran"))
                .toList();
    }

    @Test
    void unitAttentionPrintedByAHelperPassesOnlyWithCunitsVerdict() {
        String ua = """
                Suite: Reserve6
                  Test: LUNReset ...passed    [FAILED] PRIN command: failed with sense. SENSE KEY:UNIT_ATTENTION(6) \
                ASCQ:BUS_DEVICE_RESET_FUNCTION_OCCURED(0x2903)
                    [FAILED] PRIN command: failed with sense. SENSE KEY:UNIT_ATTENTION(6) \
                ASCQ:BUS_DEVICE_RESET_FUNCTION_OCCURED(0x2903)
                """;
        assertEquals(List.of(), problems(ua));
        String assertionFailed = ua.replace("...passed    ", "...FAILED\n    1. test_reserve6_lun_reset.c:70  - x\n");
        assertEquals(1, problems(assertionFailed).size());
        String otherSense = ua.replace("UNIT_ATTENTION(6) ASCQ:BUS", "ILLEGAL_REQUEST(5) ASCQ:BUS");
        assertEquals(1, problems(otherSense).size());
    }

    @Test
    void lunResetMayNoLongerPrintTheWarmResetUnitAttention() {
        String withBusReset = """
                Suite: Reserve6
                  Test: LUNReset ...    [FAILED] RESERVE6 command: failed with sense. SENSE KEY:UNIT_ATTENTION(6) \
                ASCQ:SCSI_BUS_RESET_OCCURED(0x2902)
                passed    [FAILED] PRIN command: failed with sense. SENSE KEY:UNIT_ATTENTION(6) \
                ASCQ:BUS_DEVICE_RESET_FUNCTION_OCCURED(0x2903)
                    [FAILED] PRIN command: failed with sense. SENSE KEY:UNIT_ATTENTION(6) \
                ASCQ:BUS_DEVICE_RESET_FUNCTION_OCCURED(0x2903)
                """;
        assertEquals(1, problems(withBusReset).size());
    }

    @Test
    void modeSenseResidualsOnlyWithTheSecondSessionsModeParametersChanged() {
        String doc = """
                Suite: ModeSense6
                  Test: Residuals ...passed    [FAILED] PRIN command: failed with sense. SENSE KEY:UNIT_ATTENTION(6) \
                ASCQ:MODE PARAMETERS CHANGED(0x2a01)

                """;
        assertEquals(List.of(), problems(doc));
        assertEquals(1, problems(doc.replace("MODE PARAMETERS CHANGED(0x2a01)",
                "BUS_DEVICE_RESET_FUNCTION_OCCURED(0x2903)")).size());
        assertEquals(1, problems(doc.replace("passed    ", "passed    [FAILED] PRIN command: failed with sense. "
                + "SENSE KEY:UNIT_ATTENTION(6) ASCQ:MODE PARAMETERS CHANGED(0x2a01)\n    ")).size());
    }

    @Test
    void targetWarmResetNoLongerMayPrintAUnitAttention() {
        // It passes since a warm reset reports 29h/00h, which the suite's RESERVE (6) helper tolerates.
        String before = """
                Suite: Reserve6
                  Test: TargetWarmReset ...    [FAILED] RESERVE6 command: failed with sense. \
                SENSE KEY:UNIT_ATTENTION(6) ASCQ:SCSI_BUS_RESET_OCCURED(0x2902)
                passed
                """;
        List<String> p = problems(before);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("failed (file): Reserve6.TargetWarmReset"), p.get(0));
    }

    @Test
    void anUndocumentedFailureOrSkipFailsTheGate() {
        String log = """
                Suite: Write10
                  Test: Simple ...FAILED
                    1. test_write10_simple.c:52  - CU_ASSERT_EQUAL(ret,0)
                Suite: Unmap
                  Test: Simple ...    [SKIPPED] UNMAP is not implemented.
                passed
                Suite: PreventAllow
                  Test: Simple ...    [SKIPPED] Logical unit is not removable. Skipping test.
                passed
                """;
        List<String> p = problems(log);
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).contains("[Unmap.Simple]"), p.get(0));
        assertTrue(p.get(1).startsWith("failed (file): Write10.Simple"), p.get(1));
    }

    @Test
    void getLbaStatusOnlyForItsDocumentedAssertion() {
        String doc = """
                Suite: GetLBAStatus
                  Test: UnmapSingle ...FAILED
                    1. test_get_lba_status_unmap_single.c:135  - CU_FAIL("[FAILED] GETLBASTATUS command: " \
                "lba offset in first descriptor does not " "match request.")
                """;
        assertEquals(List.of(), problems(doc));
        assertEquals(1, problems(doc + "    2. test_get_lba_status_unmap_single.c:141  - CU_FAIL(\"mapped\")\n")
                .size());
    }

    @Test
    void everyDocumentedFailureHasEvidence() {
        assertEquals(Set.of("iSCSIdatasn.iSCSIDataSnInvalid", "Reserve6.LUNReset", "ModeSense6.Residuals", "GetLBAStatus.UnmapSingle", "Sanitize.Reset"),
                ConformanceIT.DOCUMENTED_FAILURES.keySet());
        assertEquals(Set.of(), ConformanceIT.KNOWN_FAILURES);
    }
}
