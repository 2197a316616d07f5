package io.blockhouse.it.realinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.it.DaemonProcess;
import io.blockhouse.it.External;
import io.blockhouse.kernel.testing.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon on its embedded default configuration (what the README's run command starts), seen through libiscsi's
 * command-line initiators: discovery lists the default target, INQUIRY and READ CAPACITY (16) answer what the
 * default device is, a 1 GiB sparse file of 512-byte blocks.
 */
class LibiscsiToolsIT {

    private static final String DEFAULT_TARGET = "iqn.2026-11.io.blockhouse:default";

    @TempDir
    static Path work;
    private static DaemonProcess daemon;

    @BeforeAll
    static void startDefault() throws Exception {
        External.requireCommand("iscsi-ls");
        daemon = DaemonProcess.startEmbeddedDefault(work);
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.assertNoLeaks();
            daemon.close();
        }
    }

    private static String url(String path) {
        return "iscsi://127.0.0.1:" + daemon.port() + "/" + path;
    }

    @Test
    void defaultDataFileIsSparseAndSized() throws Exception {
        Path disk = daemon.dataDir().resolve("disk0.img");
        assertEquals(1L << 30, Files.size(disk));
    }

    @Test
    void discoveryListsDefaultTargetAndLun() throws Exception {
        String out = Commands.check("iscsi-ls", "-s", url(""));
        assertTrue(out.contains("Target:" + DEFAULT_TARGET), out);
        assertTrue(out.contains("127.0.0.1:" + daemon.port()), out);
        assertTrue(Pattern.compile("Lun:0\\s+Type:DIRECT_ACCESS").matcher(out).find(), out);
    }

    @Test
    void inquiryNamesTheDevice() throws Exception {
        String out = Commands.check("iscsi-inq", url(DEFAULT_TARGET + "/0"));
        assertTrue(out.contains("Peripheral Device Type:DIRECT_ACCESS"), out);
        assertTrue(out.contains("Vendor:BLKHOUSE"), out);
        assertTrue(out.contains("CmdQue:1"), out);
        String pages = Commands.check("iscsi-inq", "-e", "1", url(DEFAULT_TARGET + "/0"));
        for (String page : new String[] {"0x00", "0x80", "0x83", "0xb0", "0xb1", "0xb2"}) {
            assertTrue(pages.contains("Page:" + page), pages);
        }
        String serial = Commands.check("iscsi-inq", "-e", "1", "-c", "128", url(DEFAULT_TARGET + "/0"));
        assertTrue(Pattern.compile("Unit Serial Number:\\[\\s*[0-9A-F]{16}\\]").matcher(serial).find(), serial);
    }

    @Test
    void readCapacity16ReportsOneGibOf512ByteBlocks() throws Exception {
        String out = Commands.check("iscsi-readcapacity16", url(DEFAULT_TARGET + "/0"));
        assertEquals(512, number(out, "LOGICAL BLOCK LENGTH IN BYTES"), out);
        assertEquals((1L << 30) / 512 - 1, number(out, "RETURNED LOGICAL BLOCK ADDRESS"), out);
        assertEquals(String.valueOf(1L << 30),
                Commands.check("iscsi-readcapacity16", "-s", url(DEFAULT_TARGET + "/0")));
    }

    private static long number(String text, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s*:\\s*(\\d+)").matcher(text);
        assertTrue(m.find(), "no '" + label + "' in\n" + text);
        return Long.parseLong(m.group(1));
    }
}
