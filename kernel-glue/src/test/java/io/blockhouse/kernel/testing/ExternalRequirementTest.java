package io.blockhouse.kernel.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ExternalRequirementTest {

    private final String saved = System.getProperty(ExternalRequirement.PROPERTY);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(ExternalRequirement.PROPERTY);
        } else {
            System.setProperty(ExternalRequirement.PROPERTY, saved);
        }
    }

    @Test
    void missingFacilitySkipsByDefault() {
        System.setProperty(ExternalRequirement.PROPERTY, "false");
        assertThrows(TestAbortedException.class, () -> ExternalRequirement.require(false, "losetup"));
        ExternalRequirement.require(true, "present");
    }

    @Test
    void missingFacilityFailsWhenRequired() {
        System.setProperty(ExternalRequirement.PROPERTY, "true");
        assertThrows(AssertionFailedError.class, () -> ExternalRequirement.require(false, "losetup"));
        ExternalRequirement.require(true, "present");
    }
}
