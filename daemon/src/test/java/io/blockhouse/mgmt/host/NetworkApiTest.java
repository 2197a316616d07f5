package io.blockhouse.mgmt.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blockhouse.config.SystemConfig;
import io.blockhouse.config.SystemConfigValidator;
import io.blockhouse.kernel.testing.ExternalRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network settings through the host API, applied with the real {@code ip} inside a network namespace this test
 * creates (a veth pair v0/v1), so the host's own networking is never touched; the files the appliance's boot script
 * replays are written to a temporary /etc.
 */
class NetworkApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final String ns = "bhnet" + ProcessHandle.current().pid();
    private boolean nsCreated;
    private Settings settings;
    private Path etc;

    /** The model, in memory: validated like the daemon's, one generation per stored change. */
    static final class Settings implements SystemSettings {
        SystemConfig value = SystemConfig.EMPTY;
        long generation;

        @Override
        public SystemConfig current() {
            return value;
        }

        @Override
        public long update(String summary, UnaryOperator<SystemConfig> change) throws HostException {
            SystemConfig next = change.apply(value);
            List<String> problems = SystemConfigValidator.problems(next);
            if (!problems.isEmpty()) {
                throw HostException.invalid("invalid_config", String.join("; ", problems));
            }
            value = next;
            return ++generation;
        }
    }

    /**
     * A host API whose system routes work on {@code etc} and {@code work} (no ntpd, the power sync command is
     * {@code false}, so a reboot is never attempted).
     */
    static HostApi hostApi(Path work, SystemSettings settings, boolean appliance, boolean root, NetworkApplier net,
                           Path etc) {
        java.util.function.Supplier<Boolean> onAppliance = () -> appliance;
        SystemApi system = new SystemApi(new NetworkApi(settings, onAppliance, net),
                new TimeSettings(settings, onAppliance, etc, false), new MailAlerts(settings, new SmtpClient("test")),
                new Accounts(settings, onAppliance, etc), new Power(onAppliance, List.of("false")),
                new SupportBundle(work, work.resolve("daemon.log")));
        return new HostApi(work, List::of, () -> root, SoftwareRaid.forHost(), new Lvm(List.of("/dev/null"), false),
                system);
    }

    @BeforeEach
    void namespace() throws Exception {
        ExternalRequirement.require("root".equals(System.getProperty("user.name")), "root (network namespaces)");
        Commands.Result r = Commands.exec(30, List.of("ip", "netns", "add", ns));
        ExternalRequirement.require(r.exitCode() == 0, "ip netns add: " + r.output());
        nsCreated = true;
        Commands.run(30, List.of("ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1"));
        Commands.run(30, List.of("ip", "-n", ns, "link", "set", "v1", "up"));
        settings = new Settings();
        etc = Files.createDirectories(work.resolve("etc"));
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (nsCreated) {
            Commands.exec(30, List.of("ip", "netns", "del", ns));
        }
    }

    private HostApi api(boolean appliance, boolean root) {
        return hostApi(work, settings, appliance, root, new NetworkApplier(ns, etc), etc);
    }

    private static JsonNode call(HostApi api, int status, String method, String body) throws Exception {
        HostApi.Answer a = api.handle(method, "/v1/host/network".split("/"), Map.of(), body);
        assertEquals(status, a.status(), method + " " + body + " -> " + a.body());
        return JSON.readTree(a.body());
    }

    private List<String> addresses(String iface) throws Exception {
        JsonNode j = JSON.readTree(Commands.run(30, List.of("ip", "-n", ns, "-j", "addr", "show", "dev", iface)));
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode a : j.get(0).path("addr_info")) {
            if (!a.path("scope").asText().equals("link")) {
                out.add(a.path("local").asText() + "/" + a.path("prefixlen").asInt());
            }
        }
        return out;
    }

    private String gateway() throws Exception {
        JsonNode j = JSON.readTree(Commands.run(30, List.of("ip", "-n", ns, "-j", "route", "show", "default")));
        return j.isEmpty() ? null : j.get(0).path("gateway").asText();
    }

    @Test
    void staticAddressGatewayHostnameAndDnsAreAppliedWithIpAndStored() throws Exception {
        HostApi api = api(true, true);
        JsonNode g = call(api, 200, "PUT", "{\"hostname\": \"bh-test\", \"dns\": [\"10.77.0.53\"], \"gateway\": "
                + "\"10.77.0.1\", \"interfaces\": [{\"name\": \"v0\", \"mode\": \"static\", \"addresses\": "
                + "[\"10.77.0.2/24\", \"fd00:77::2/64\"]}]}");
        assertEquals(1, g.path("generation").asLong());
        assertEquals(List.of("10.77.0.2/24", "fd00:77::2/64"), addresses("v0"));
        assertEquals("10.77.0.1", gateway());
        assertEquals("bh-test\n", Files.readString(etc.resolve("hostname")));
        assertTrue(Files.readString(etc.resolve("resolv.conf")).contains("nameserver 10.77.0.53\n"));
        String conf = Files.readString(etc.resolve("blockhouse/network.conf"));
        assertTrue(conf.contains("hostname bh-test\ndns 10.77.0.53\nv0 static 10.77.0.2/24\nv0 static "
                + "fd00:77::2/64\ngateway 10.77.0.1\n"), conf);
        assertEquals("bh-test", settings.current().network().hostname());

        JsonNode listed = call(api, 200, "GET", "");
        assertTrue(listed.path("appliance").asBoolean());
        assertEquals("10.77.0.1", listed.path("gateway").asText());
        JsonNode v0 = null;
        for (JsonNode i : listed.path("interfaces")) {
            v0 = i.path("name").asText().equals("v0") ? i : v0;
        }
        assertTrue(v0 != null && v0.path("addresses").toString().contains("10.77.0.2/24"), listed.toString());
        assertEquals("static", listed.path("settings").path("interfaces").get(0).path("mode").asText());

        // A new address replaces the old one; DHCP flushes the static ones (no client runs in the namespace).
        call(api, 200, "PUT", "{\"gateway\": \"10.78.0.1\", \"interfaces\": [{\"name\": \"v0\", \"mode\": "
                + "\"static\", \"addresses\": [\"10.78.0.2/16\"]}]}");
        assertEquals(List.of("10.78.0.2/16"), addresses("v0"));
        assertEquals("10.78.0.1", gateway());
        call(api, 200, "PUT", "{\"interfaces\": [{\"name\": \"v0\", \"mode\": \"dhcp\"}]}");
        assertEquals(List.of(), addresses("v0"));
        assertNull(gateway());
        assertTrue(Files.readString(etc.resolve("blockhouse/network.conf")).contains("v0 dhcp\n"));
        assertEquals(3, settings.generation);
    }

    @Test
    void restartAppliesTheStoredSettingsAgain() throws Exception {
        HostApi api = api(true, true);
        call(api, 200, "PUT", "{\"interfaces\": [{\"name\": \"v0\", \"mode\": \"static\", \"addresses\": "
                + "[\"10.77.0.2/24\"]}]}");
        Commands.run(30, List.of("ip", "-n", ns, "addr", "flush", "dev", "v0"));
        assertEquals(List.of(), addresses("v0"));
        HostApi.Answer a = api.handle("POST", "/v1/host/network/restart".split("/"), Map.of(), "");
        assertEquals(200, a.status(), a.body());
        assertEquals(List.of("10.77.0.2/24"), addresses("v0"));
        a = api(false, true).handle("POST", "/v1/host/network/restart".split("/"), Map.of(), "");
        assertEquals(409, a.status(), a.body());
        assertEquals(1, settings.generation);
    }

    @Test
    void aChangeThatFailsHalfwayIsRolledBack() throws Exception {
        HostApi api = api(true, true);
        call(api, 200, "PUT", "{\"gateway\": \"10.77.0.1\", \"interfaces\": [{\"name\": \"v0\", \"mode\": "
                + "\"static\", \"addresses\": [\"10.77.0.2/24\"]}]}");
        // The new address goes on, then ip refuses the gateway (no route to it): everything goes back.
        JsonNode e = call(api, 500, "PUT", "{\"gateway\": \"10.99.0.1\", \"interfaces\": [{\"name\": \"v0\", "
                + "\"mode\": \"static\", \"addresses\": [\"10.78.0.2/24\"]}]}");
        assertEquals("command_failed", e.path("code").asText());
        assertTrue(e.path("message").asText().contains("10.99.0.1"), e.toString());
        assertEquals(List.of("10.77.0.2/24"), addresses("v0"));
        assertEquals("10.77.0.1", gateway());
        assertEquals(1, settings.generation);
        assertEquals("10.77.0.1", settings.current().network().gateway());
    }

    @Test
    void badSettingsAreRefusedByFieldEverywhereAndNothingChanges() throws Exception {
        for (HostApi api : List.of(api(true, true), api(false, false))) {
            JsonNode e = call(api, 400, "PUT", "{\"interfaces\": [{\"name\": \"v0\", \"mode\": \"static\", "
                    + "\"addresses\": [\"10.77.0.300/24\"]}]}");
            assertEquals("invalid_config", e.path("code").asText());
            assertTrue(e.path("message").asText().contains("system.network.interfaces[0].addresses[0]"), e.toString());
            e = call(api, 400, "PUT", "{\"hostname\": \"-bad-\", \"gateway\": \"gw.example\"}");
            assertTrue(e.path("message").asText().contains("system.network.hostname"), e.toString());
            assertTrue(e.path("message").asText().contains("system.network.gateway"), e.toString());
            e = call(api, 400, "PUT", "{\"interfaces\": [{\"name\": \"b0\", \"type\": \"bond\", \"slaves\": "
                    + "[\"v0\"]}, {\"name\": \"v0\", \"mode\": \"dhcp\"}]}");
            assertTrue(e.path("message").asText().contains("is a member of b0"), e.toString());
            e = call(api, 400, "PUT", "{\"interfaces\": [{\"name\": \"v0.5\", \"type\": \"vlan\", \"link\": \"v0\", "
                    + "\"vlanId\": 5000}]}");
            assertTrue(e.path("message").asText().contains("vlanId"), e.toString());
            assertEquals("invalid_request", call(api, 400, "PUT", "{\"nonsense\": 1}").path("code").asText());
        }
        assertEquals("no_such_interface", call(api(true, true), 400, "PUT", "{\"interfaces\": [{\"name\": "
                + "\"eth9\", \"mode\": \"dhcp\"}]}").path("code").asText());
        assertEquals(List.of(), addresses("v0"));
        assertEquals(0, settings.generation);
    }

    @Test
    void offTheApplianceAValidChangeIsRefusedClearly() throws Exception {
        String valid = "{\"interfaces\": [{\"name\": \"v0\", \"mode\": \"static\", \"addresses\": "
                + "[\"10.77.0.2/24\"]}]}";
        JsonNode e = call(api(false, true), 409, "PUT", valid);
        assertEquals("not_appliance", e.path("code").asText());
        assertTrue(e.path("message").asText().contains("not running on the Blockhouse appliance"), e.toString());
        assertEquals("not_root", call(api(true, false), 403, "PUT", valid).path("code").asText());
        assertEquals(List.of(), addresses("v0"));
        assertFalse(Files.exists(etc.resolve("blockhouse/network.conf")));
        assertEquals(0, settings.generation);
    }

    @Test
    void vlanAndBondAreCreatedWithIpOrTheMissingKernelDriverIsNamed() throws Exception {
        HostApi api = api(true, true);
        boolean vlans = Commands.exec(30, List.of("ip", "-n", ns, "link", "add", "link", "v1", "name", "probe",
                "type", "vlan", "id", "2")).exitCode() == 0;
        Commands.exec(30, List.of("ip", "-n", ns, "link", "del", "probe"));
        String vlan = "{\"interfaces\": [{\"name\": \"v0.10\", \"type\": \"vlan\", \"link\": \"v0\", \"vlanId\": 10, "
                + "\"mode\": \"static\", \"addresses\": [\"10.79.0.2/24\"]}]}";
        if (vlans) {
            call(api, 200, "PUT", vlan);
            assertEquals(List.of("10.79.0.2/24"), addresses("v0.10"));
            assertTrue(Commands.run(30, List.of("ip", "-n", ns, "-d", "link", "show", "v0.10")).contains("vlan "
                    + "protocol 802.1Q id 10"));
            // Dropped from the settings: the VLAN link goes too.
            call(api, 200, "PUT", "{}");
            assertEquals(1, Commands.exec(30, List.of("ip", "-n", ns, "link", "show", "v0.10")).exitCode());
        } else {
            assertEquals("kernel_unsupported", call(api, 501, "PUT", vlan).path("code").asText());
            assertNull(settings.current().network());
        }
        boolean bonds = Commands.exec(30, List.of("ip", "-n", ns, "link", "add", "probe", "type", "bond"))
                .exitCode() == 0;
        Commands.exec(30, List.of("ip", "-n", ns, "link", "del", "probe"));
        String bond = "{\"interfaces\": [{\"name\": \"bond0\", \"type\": \"bond\", \"bondMode\": \"active-backup\", "
                + "\"slaves\": [\"v1\"], \"mode\": \"static\", \"addresses\": [\"10.80.0.2/24\"]}, "
                + "{\"name\": \"v1\", \"mode\": \"none\"}]}";
        if (bonds) {
            call(api, 200, "PUT", bond);
            assertEquals(List.of("10.80.0.2/24"), addresses("bond0"));
            assertTrue(Commands.run(30, List.of("ip", "-n", ns, "link", "show", "v1")).contains("master bond0"));
            assertTrue(Files.readString(etc.resolve("blockhouse/network.conf")).contains(
                    "bond bond0 active-backup v1\n"));
        } else {
            JsonNode e = call(api, 501, "PUT", bond);
            assertEquals("kernel_unsupported", e.path("code").asText());
            assertTrue(e.path("message").asText().contains("type bond"), e.toString());
        }
        // The refusal path ran above; without the drivers (no 8021q/bonding modules in this kernel, even for root)
        // the creation path could not: report the test as aborted, not passed. Not an ExternalRequirement: no
        // package installs a kernel driver, so CI cannot provide it either.
        Assumptions.assumeTrue(vlans && bonds, "the kernel's 8021q and bonding drivers are missing");
    }
}
