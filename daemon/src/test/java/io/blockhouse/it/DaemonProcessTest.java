package io.blockhouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The daemon harness against {@link FakeDaemon} packaged as a jar: start, readiness, stop, exit code, leaks. */
class DaemonProcessTest {

    @TempDir
    Path dir;
    String previousJar;

    @BeforeEach
    void packageFakeDaemon() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeDaemon.class.getName());
        Path jar = dir.resolve("fake-daemon.jar");
        String entry = FakeDaemon.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream in = FakeDaemon.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        previousJar = System.setProperty(DaemonProcess.JAR_PROPERTY, jar.toString());
    }

    @AfterEach
    void restoreProperty() {
        if (previousJar == null) {
            System.clearProperty(DaemonProcess.JAR_PROPERTY);
        } else {
            System.setProperty(DaemonProcess.JAR_PROPERTY, previousJar);
        }
    }

    private Path workDir(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    @Test
    void startsListensAndStopsCleanly() throws Exception {
        DaemonConfig config = new DaemonConfig().fileDevice("disk0", "disk0.img", "1M");
        config.target("iqn.2026-11.io.blockhouse.test:fake").lun(0, "disk0");
        DaemonProcess daemon = DaemonProcess.start(config, workDir("ok"));
        assertTrue(Ports.accepts(daemon.port(), Duration.ofSeconds(2)));
        daemon.assertAlive();
        assertTrue(Files.isDirectory(daemon.dataDir()));
        JsonNode written = new ObjectMapper().readTree(daemon.dataDir().resolveSibling("config.json").toFile());
        assertEquals("127.0.0.1:" + daemon.port(), written.get("listen").get(0).asText());
        assertEquals("disk0", written.get("targets").get(0).get("luns").get(0).get("device").asText());
        daemon.close();
        assertFalse(daemon.alive());
        assertTrue(daemon.logText().contains("stopped"));
        daemon.assertNoLeaks();
    }

    @Test
    void reportsADaemonThatDiesAtStartWithItsLog() throws Exception {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> DaemonProcess.start(new DaemonConfig().iscsi("mode", "fake-exit-3"), workDir("dies")));
        assertTrue(e.getMessage().contains("exited with 3"), e.getMessage());
        assertTrue(e.getMessage().contains("refusing to start"), e.getMessage());
    }

    @Test
    void failsOnANonZeroExitCodeAfterSigterm() throws Exception {
        DaemonProcess daemon = DaemonProcess.start(new DaemonConfig().iscsi("mode", "fake-bad-stop"),
                workDir("bad-stop"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, daemon::close);
        assertTrue(e.getMessage().contains("exited with 1"), e.getMessage());
    }

    @Test
    void assertNoLeaksFailsOnNettysLeakMarker() throws Exception {
        DaemonProcess daemon = DaemonProcess.start(new DaemonConfig().iscsi("mode", "fake-leak"), workDir("leak"));
        daemon.close();
        AssertionFailedError e = assertThrows(AssertionFailedError.class, daemon::assertNoLeaks);
        assertTrue(e.getMessage().contains("LEAK: ByteBuf.release()"), e.getMessage());
    }

    @Test
    void configBuilderWritesTheDocumentedShape() throws Exception {
        DaemonConfig config = new DaemonConfig().iscsi("queueDepth", 64).iscsi("headerDigest", true)
                .listen("0.0.0.0:3260").ramDevice("ram0", "64M");
        config.device("null0", "null").put("size", "1G").put("blockSize", 4096);
        DaemonConfig.Target target = config.target("iqn.2026-11.io.blockhouse:t").chap("u", "secret-123456")
                .mutualChap("t", "tsecret-123456").lun(0, "ram0");
        target.group("g1", List.of("iqn.2026-11.example:host1")).chap("gu", "gsecret-123456").lun(1, "null0");
        JsonNode json = new ObjectMapper().readTree(config.json());
        assertEquals(64, json.at("/iscsi/queueDepth").asInt());
        assertTrue(json.at("/iscsi/headerDigest").asBoolean());
        assertEquals("0.0.0.0:3260", json.at("/listen/0").asText());
        assertEquals("ram", json.at("/devices/0/backend").asText());
        assertEquals(4096, json.at("/devices/1/blockSize").asInt());
        assertEquals("secret-123456", json.at("/targets/0/chap/secret").asText());
        assertEquals("t", json.at("/targets/0/chap/mutualUser").asText());
        assertEquals("iqn.2026-11.example:host1", json.at("/targets/0/groups/0/initiators/0").asText());
        assertEquals(1, json.at("/targets/0/groups/0/luns/0/lun").asInt());
    }
}
