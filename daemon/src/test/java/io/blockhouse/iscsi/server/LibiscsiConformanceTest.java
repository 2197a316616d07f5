package io.blockhouse.iscsi.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.testing.TestCatalog;
import io.blockhouse.iscsi.testing.TestTarget;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * libiscsi's protocol conformance tests (iscsi-test-cu, iSCSI suites: CmdSN window, DataSN validation, residuals,
 * task management, plus 1000-command async READ/WRITE runs) against the server with the in-memory test nexus.
 */
class LibiscsiConformanceTest {
    private static final String IQN = "iqn.2026-01.io.blockhouse:conformance";
    private static final String SUITES = "iSCSI,SCSI.Read10.Async,SCSI.Write10.Async,SCSI.TestUnitReady";

    @Test
    void iscsiSuitesPass() throws Exception {
        boolean present = new File("/usr/bin/iscsi-test-cu").canExecute();
        if (Boolean.getBoolean("blockhouse.requireExternal")) {
            assertTrue(present, "iscsi-test-cu is required");
        }
        Assumptions.assumeTrue(present, "iscsi-test-cu not installed");
        TestTarget target = new TestTarget(IQN, 65536);
        IscsiServer server = new IscsiServer(new TestCatalog().add(target), IscsiSettings.defaults(),
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        server.start();
        try {
            int port = server.boundAddresses().get(0).getPort();
            Process p = new ProcessBuilder("iscsi-test-cu", "-t", SUITES,
                    "--initiator-name", "iqn.2026-01.io.blockhouse:conformance-1",
                    "--initiator-name-2", "iqn.2026-01.io.blockhouse:conformance-2",
                    "iscsi://127.0.0.1:" + port + "/" + IQN + "/0").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
            Matcher m = Pattern.compile("tests\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)").matcher(out);
            assertTrue(m.find(), out);
            int ran = Integer.parseInt(m.group(2));
            int failed = Integer.parseInt(m.group(4));
            assertTrue(ran >= 17, "expected the iSCSI suites to run: " + out);
            assertTrue(failed == 0, out);
        } finally {
            server.close();
        }
    }
}
