package io.blockhouse.iscsi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.iscsi.ChapCredentials;
import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.testing.TestCatalog;
import io.blockhouse.iscsi.testing.TestTarget;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real sockets: the server against libiscsi's command-line initiators (skipped when libiscsi-bin is absent). */
class IscsiServerSmokeTest {
    private static final String IQN = "iqn.2026-01.io.blockhouse:smoke";
    private final TestTarget target = new TestTarget(IQN, 2048);
    private IscsiServer server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        server = new IscsiServer(new TestCatalog().add(target), IscsiSettings.defaults(),
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        server.start();
        port = server.boundAddresses().get(0).getPort();
        target.portals = List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void bindFailureNamesTheAddress() {
        IscsiServer second = new IscsiServer(new TestCatalog(), IscsiSettings.defaults(),
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        IOException e = assertThrows(IOException.class, second::start);
        assertTrue(e.getMessage().contains(Integer.toString(port)), e.getMessage());
        second.close();
    }

    @Test
    void iscsiInqReadsStandardInquiry() throws Exception {
        String out = run("iscsi-inq", "-i", "iqn.2026-01.io.blockhouse:initiator",
                "iscsi://127.0.0.1:" + port + "/" + IQN + "/0");
        assertTrue(out.contains("BLKHOUSE"), out);
        assertTrue(out.contains("MEMORY DISK"), out);
    }

    @Test
    void iscsiLsDiscoversTheTarget() throws Exception {
        String out = run("iscsi-ls", "-s", "-i", "iqn.2026-01.io.blockhouse:initiator",
                "iscsi://127.0.0.1:" + port);
        assertTrue(out.contains(IQN), out);
        assertTrue(out.contains("127.0.0.1:" + port), out);
    }

    @Test
    void iscsiInqWithChap() throws Exception {
        target.chap = new ChapCredentials("smokeuser", "smoke-secret-123", null, null);
        String out = run("iscsi-inq", "-i", "iqn.2026-01.io.blockhouse:initiator",
                "iscsi://smokeuser%smoke-secret-123@127.0.0.1:" + port + "/" + IQN + "/0");
        assertTrue(out.contains("BLKHOUSE"), out);
    }

    @Test
    void iscsiInqWithMutualChap() throws Exception {
        target.chap = new ChapCredentials("smokeuser", "smoke-secret-123", "smoketarget", "target-secret-456");
        String out = run("iscsi-inq", "-i", "iqn.2026-01.io.blockhouse:initiator",
                "iscsi://smokeuser%smoke-secret-123@127.0.0.1:" + port + "/" + IQN
                        + "/0?target_user=smoketarget&target_password=target-secret-456");
        assertTrue(out.contains("BLKHOUSE"), out);
    }

    @Test
    void iscsiInqWithWrongChapSecretFails() throws Exception {
        target.chap = new ChapCredentials("smokeuser", "smoke-secret-123", null, null);
        Assumptions.assumeTrue(new File("/usr/bin/iscsi-inq").canExecute());
        Process p = new ProcessBuilder("iscsi-inq", "-i", "iqn.2026-01.io.blockhouse:initiator",
                "iscsi://smokeuser%wrong-secret-000@127.0.0.1:" + port + "/" + IQN + "/0")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.exitValue() != 0, out);
    }

    private static String run(String... command) throws Exception {
        boolean present = new File("/usr/bin/" + command[0]).canExecute();
        if (Boolean.getBoolean("blockhouse.requireExternal")) {
            assertTrue(present, command[0] + " is required");
        }
        Assumptions.assumeTrue(present, command[0] + " not installed");
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "timed out: " + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
