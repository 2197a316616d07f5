package io.blockhouse.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appliance's boot-time network script (rootfs/usr/sbin/blockhouse-net) replaying a network.conf in the format
 * the daemon writes, run with the real {@code ip} inside a network namespace of this test (host name and
 * resolv.conf go to a temporary directory; no DHCP client is started in host-test mode).
 */
class NetworkScriptTest {

    static final Path ROOTFS = Path.of("src", "main", "rootfs").toAbsolutePath();
    static final Path SCRIPT = ROOTFS.resolve("usr/sbin/blockhouse-net");

    @TempDir
    Path tmp;
    private final String ns = "bhboot" + ProcessHandle.current().pid();
    private boolean created;

    @BeforeEach
    void namespace() throws Exception {
        Host.require("root".equals(System.getProperty("user.name")), "root (network namespaces)");
        Host.Result r = Host.run(List.of("ip", "netns", "add", ns), 30);
        Host.require(r.exitCode() == 0, "ip netns add: " + r.output());
        created = true;
        assertEquals(0, Host.run(List.of("ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1"),
                30).exitCode());
    }

    @AfterEach
    void remove() throws Exception {
        if (created) {
            Host.run(List.of("ip", "netns", "del", ns), 30);
        }
    }

    @Test
    void networkConfIsReplayedWithIp() throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("etc/blockhouse")).getParent();
        Path state = tmp.resolve("state");
        Files.writeString(etc.resolve("blockhouse/network.conf"), """
                # written by the Blockhouse daemon from the configuration model
                hostname array-7
                dns 192.0.2.53 192.0.2.54
                vlan v0.9 v0 9
                v0 static 10.81.0.2/24
                v0 static fd00:81::2/64
                v1 dhcp
                gateway 10.81.0.1
                """);
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", ns, "/bin/sh", SCRIPT.toString(), "start")
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("BLOCKHOUSE_HOST_TEST", "1");
        env.put("BLOCKHOUSE_ETC", etc.toString());
        env.put("BLOCKHOUSE_STATE_DIR", state.toString());
        env.put("BLOCKHOUSE_LIB", ROOTFS.resolve("usr/lib/blockhouse").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);

        String v0 = Host.run(List.of("ip", "-n", ns, "addr", "show", "dev", "v0"), 30).output();
        assertTrue(v0.contains("inet 10.81.0.2/24") && v0.contains("inet6 fd00:81::2/64"), v0);
        String route = Host.run(List.of("ip", "-n", ns, "route", "show", "default"), 30).output();
        assertTrue(route.contains("default via 10.81.0.1 dev v0"), route);
        assertTrue(Host.run(List.of("ip", "-n", ns, "link", "show", "v1"), 30).output().contains(",UP"));
        assertTrue(out.contains("v1 would ask DHCP"), out);
        assertEquals("array-7\n", Files.readString(etc.resolve("hostname")));
        assertEquals("nameserver 192.0.2.53\nnameserver 192.0.2.54\n", Files.readString(etc.resolve("resolv.conf")));
        // The VLAN exists, or the missing kernel driver became an alert the console shows.
        boolean vlan = Host.run(List.of("ip", "-n", ns, "link", "show", "v0.9"), 30).exitCode() == 0;
        assertTrue(vlan || Files.readString(state.resolve("alerts")).contains("cannot create VLAN v0.9"), out);
    }
}
