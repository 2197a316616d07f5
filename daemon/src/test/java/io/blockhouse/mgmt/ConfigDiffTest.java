package io.blockhouse.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertEquals(List.of(), ConfigDiff.lines("a\nb\nc", "a\nb\nc"));
    }

    @Test
    void changedLineWithContext() {
        assertEquals(List.of(" b", " c", "-d", "+D", " e", " f"),
                ConfigDiff.lines("a\nb\nc\nd\ne\nf\ng", "a\nb\nc\nD\ne\nf\ng"));
    }

    @Test
    void distantChangesAreSeparatedByHunkMarks() {
        assertEquals(List.of("-1", "+one", " 2", " 3", "@@", " 7", " 8", "+8.5", " 9"),
                ConfigDiff.lines("1\n2\n3\n4\n5\n6\n7\n8\n9", "one\n2\n3\n4\n5\n6\n7\n8\n8.5\n9"));
    }
}
