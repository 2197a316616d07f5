package io.blockhouse.iscsi.server;

import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.testing.TestCatalog;
import io.blockhouse.iscsi.testing.TestTarget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Temporary probe, not committed. */
class ProbeRunner {
    @Test
    void probe() throws Exception {
        String tests = System.getProperty("probe.tests");
        Assumptions.assumeTrue(tests != null);
        TestTarget target = new TestTarget("iqn.2026-01.io.blockhouse:probe", 4096);
        IscsiServer server = new IscsiServer(new TestCatalog().add(target), IscsiSettings.defaults(),
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        server.start();
        int port = server.boundAddresses().get(0).getPort();
        Process p = new ProcessBuilder("iscsi-test-cu", "-d", "-V", "-t", tests, "--initiator-name",
                "iqn.2026-01.io.blockhouse:probe-init", "--initiator-name-2", "iqn.2026-01.io.blockhouse:probe-init2",
                "iscsi://127.0.0.1:" + port + "/iqn.2026-01.io.blockhouse:probe/0")
                .redirectErrorStream(true).redirectOutput(new java.io.File("/tmp/probe/out.txt")).start();
        p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
        p.destroyForcibly();
        server.close();
    }
}
