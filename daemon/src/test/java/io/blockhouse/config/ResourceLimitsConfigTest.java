package io.blockhouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.iscsi.admission.AdmissionLimits;
import io.blockhouse.iscsi.server.BusyPolling;
import io.blockhouse.scsi.admission.TaskSetBound;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resource limits of the {@code iscsi} section: parsed, defaulted, range-checked by name, round-tripped. */
class ResourceLimitsConfigTest {

    @Test
    void limitsAreReadFromTheIscsiSection() throws Exception {
        BlockhouseConfig c = ConfigLoader.parse("{\"iscsi\":{\"maxSessions\":32,\"maxLoginsInProgress\":8,"
                + "\"taskSetSize\":256,\"writeBufferMiB\":64,\"pollMicros\":20}}", "test");
        AdmissionLimits limits = c.iscsi().toLimits();
        assertEquals(32, limits.maxSessions());
        assertEquals(8, limits.maxLoginsInProgress());
        assertEquals(64L << 20, limits.writeBufferBytes());
        assertEquals(256, c.iscsi().taskSetSizeOrDefault());
        assertEquals(20, c.iscsi().pollMicrosOrDefault());
        assertEquals(c, ConfigLoader.parse(ConfigLoader.toJson(c), "round trip"));
    }

    @Test
    void missingLimitsTakeTheirDefaults() throws Exception {
        BlockhouseConfig c = ConfigLoader.parse("{\"iscsi\":{\"queueDepth\":64}}", "test");
        assertEquals(AdmissionLimits.DEFAULT_MAX_SESSIONS, c.iscsi().toLimits().maxSessions());
        assertEquals(AdmissionLimits.DEFAULT_MAX_LOGINS_IN_PROGRESS, c.iscsi().toLimits().maxLoginsInProgress());
        assertEquals(AdmissionLimits.defaultWriteBufferBytes(Runtime.getRuntime().maxMemory()),
                c.iscsi().toLimits().writeBufferBytes());
        assertEquals(TaskSetBound.DEFAULT_CAPACITY, c.iscsi().taskSetSizeOrDefault());
        assertEquals(BusyPolling.DEFAULT_MICROS, c.iscsi().pollMicrosOrDefault());
    }

    @Test
    void outOfRangeLimitsAreNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("{\"iscsi\":{"
                + "\"maxSessions\":0,\"maxLoginsInProgress\":70000,\"taskSetSize\":0,\"writeBufferMiB\":8,"
                + "\"pollMicros\":-1}}", "t"));
        List<String> problems = e.problems();
        for (String field : List.of("iscsi.maxSessions", "iscsi.maxLoginsInProgress", "iscsi.taskSetSize",
                "iscsi.writeBufferMiB", "iscsi.pollMicros")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(field)), field + " in " + problems);
        }
    }
}
