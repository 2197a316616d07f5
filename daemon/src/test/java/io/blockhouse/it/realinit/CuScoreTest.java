package io.blockhouse.it.realinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The log classifier the conformance gate relies on, on log text shaped as iscsi-test-cu 1.19 prints it. */
class CuScoreTest {

    private static final String LOG = """
            Suite: Read10
              Test: Simple ...passed
              Test: BeyondEol ...    [SKIPPED] READ10 is not implemented.
            passed
            Suite: iSCSIdatasn
              Test: iSCSIDataSnInvalid ...    [FAILED] WRITE10 command failed with status 251658241
                [FAILED] WRITE10 command failed with status 251658241
            passed    [SKIPPED] PERSISTENT RESERVE IN is not implemented.

            Suite: Write10
              Test: Simple ...FAILED
                1. test_write10_simple.c:52  - CU_ASSERT_EQUAL(ret,0)
              Test: Hang ...
            Run Summary:    Type  Total    Ran Passed Failed Inactive
            """;

    @Test
    void classifiesLikeCuScore() {
        CuScore score = new CuScore(LOG);
        assertEquals(CuScore.Verdict.PASSED, score.verdicts().get("Read10.Simple"));
        assertEquals(CuScore.Verdict.SKIPPED, score.verdicts().get("Read10.BeyondEol"));
        assertEquals(CuScore.Verdict.FAILED, score.verdicts().get("iSCSIdatasn.iSCSIDataSnInvalid"));
        assertEquals(CuScore.Verdict.FAILED, score.verdicts().get("Write10.Simple"));
        assertEquals(CuScore.Verdict.FAILED, score.verdicts().get("Write10.Hang"), "no verdict counts as failed");
        assertEquals(1, score.count(CuScore.Verdict.PASSED));
        assertTrue(score.table().contains("| Write10 | 0 | 0 | 2 |"), score.table());
    }

    @Test
    void readsCunitsOwnVerdict() {
        CuScore score = new CuScore(LOG);
        assertTrue(score.cunitPassed("iSCSIdatasn.iSCSIDataSnInvalid"));
        assertTrue(score.cunitPassed("Read10.Simple"));
        assertFalse(score.cunitPassed("Write10.Simple"));
        assertFalse(score.cunitPassed("Write10.Hang"));
    }
}
