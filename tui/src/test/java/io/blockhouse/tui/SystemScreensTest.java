package io.blockhouse.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.input.KeyType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * System menus on the virtual terminal against a real daemon that is not on the appliance: every menu opens, the
 * forms check their fields, and each action reaches the daemon, which refuses host changes with not_appliance (shown
 * in a dialog) and carries out what needs no appliance (mail relay and a test mail to an SMTP listener of this
 * test, support bundles).
 */
class SystemScreensTest {

    @TempDir
    static Path work;
    static DaemonUnderTest daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = DaemonUnderTest.start(work, List.of("-Dblockhouse.logFile=" + work.resolve("daemon.log")));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.close();
    }

    private static VirtualConsole systemMenu() throws Exception {
        VirtualConsole c = new VirtualConsole(daemon.socket()).await("TARGETS");
        c.type("m").await("Main menu").type("s").enter().await("Configuration and the appliance");
        return c;
    }

    private static void refused(VirtualConsole c) {
        c.await("not_appliance").enter().awaitGone("not_appliance");
    }

    @Test
    void networkFormsCheckFieldsAndTheDaemonRefusesOffTheAppliance() throws Exception {
        long generation = daemon.api().get("/v1/config").path("generation").asLong();
        try (VirtualConsole c = systemMenu()) {
            c.type("n").enter().await("Interfaces, bonds, VLANs, names");
            c.type("i").enter().await("Not the appliance").await("lo ").enter().awaitGone("Not the appliance");

            c.type("a").enter().await("Which interface?").enter().await("DHCP asks the network")
                    .enter().type("s").enter().tab(1).type("10.1.2.3/33").tab(1).enter()
                    .await("the prefix goes from 1 to 32").enter().awaitGone("the prefix goes");
            c.key(KeyType.Backspace, 2).type("24").tab(1).enter();
            refused(c);
            c.escape().awaitGone("DHCP asks the network");

            c.type("b").enter().await("Create a bond").tab(4).enter().await("Space ticks").type(" ").tab(1).enter();
            refused(c);
            c.escape().awaitGone("Pick the members next");

            c.type("v").enter().await("On which interface?").enter().await("VLAN id").type("5000").tab(3).enter()
                    .await("VLAN id: 1 to 4094").enter().awaitGone("1 to 4094");
            c.key(KeyType.Backspace, 4).type("10").tab(3).enter();
            refused(c);
            c.escape().awaitGone("VLAN id");

            c.type("h").enter().await("name on the network").type("bad_name").tab(1).enter()
                    .await("Host name: letters, digits").enter().awaitGone("letters, digits");
            c.key(KeyType.Backspace, 8).type("array-1").tab(1).enter();
            refused(c);
            c.escape().awaitGone("name on the network");

            c.type("d").enter().await("Up to three addresses").type("10.0.0.300").tab(1).enter()
                    .await("is not an IP address").enter().awaitGone("is not an IP address");
            c.key(KeyType.Backspace, 3).type("53").tab(1).enter();
            refused(c);
            c.escape().awaitGone("Up to three addresses");

            c.type("g").enter().await("removes the default route").type("192.0.2.1").tab(1).enter();
            refused(c);
            c.escape().awaitGone("removes the default route");
            c.type("n").enter().await("Apply the stored network settings again?").key(KeyType.Tab).enter();
            refused(c);
            c.type("r").enter().await("nothing to choose from").enter().awaitGone("nothing to choose from");
            c.escape().awaitGone("Interfaces, bonds");
            c.escape().awaitGone("Configuration and the appliance").escape().awaitGone("Main menu");
        }
        assertEquals(generation, daemon.api().get("/v1/config").path("generation").asLong());
    }

    @Test
    void timeUsersAndPowerCheckThenReachTheDaemon() throws Exception {
        try (VirtualConsole c = systemMenu()) {
            c.type("d").enter().await("The clock and who sets it");
            c.type("s").enter().await("Local time:").await("(UTC)").enter().awaitGone("Local time:");
            c.type("z").enter().await("IANA zone").key(KeyType.End).key(KeyType.Backspace, 3).type("Mars/Base")
                    .tab(2).enter().await("Time zone: a time zone name").enter().awaitGone("a time zone name");
            c.key(KeyType.Backspace, 9).type("Europe/Berlin").tab(1).type("pool.ntp.org").tab(1).enter();
            refused(c);
            c.escape().awaitGone("IANA zone").escape().awaitGone("The clock and who");

            c.type("u").enter().await("Root password").type("short").tab(2).enter()
                    .await("New password: at least 10 characters").enter().awaitGone("at least 10 characters");
            c.key(KeyType.Backspace, 5).type("Correct-Horse-42").tab(1).type("Correct-Horse-41").tab(1).enter()
                    .await("The two entries differ").enter().awaitGone("The two entries differ");
            c.key(KeyType.ReverseTab).key(KeyType.Backspace).type("2").tab(1).enter();
            refused(c);
            c.escape().awaitGone("The console and serial login");

            c.type("r").enter().await("synced to the flash first");
            c.type("r").enter().await("Reboot the appliance?").enter().awaitGone("Reboot the appliance?");
            c.type("r").enter().await("Reboot the appliance?").key(KeyType.Tab).enter();
            refused(c);
            c.type("s").enter().await("Shut down the appliance?").key(KeyType.Tab).enter();
            refused(c);
            c.escape().awaitGone("synced to the flash first").escape().awaitGone("Configuration and the appliance")
                    .escape().awaitGone("Main menu");
        }
    }

    @Test
    void mailRelayIsStoredAndTheTestMailArrivesAndASupportBundleIsSaved() throws Exception {
        try (ServerSocket smtp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             VirtualConsole c = systemMenu()) {
            c.type("m").enter().await("SMTP relay and a test mail");
            c.type("r").enter().await("Relay host").type("127.0.0.1").tab(1).key(KeyType.End)
                    .key(KeyType.Backspace, 2).type(String.valueOf(smtp.getLocalPort())).tab(1).type("bad").tab(1)
                    .type("ops@example.com").tab(1).enter().await("From: a mail address").enter()
                    .awaitGone("From: a mail address");
            c.key(KeyType.Backspace, 3).type("array1@example.com").tab(2).enter()
                    .await("Done: configuration generation").enter().awaitGone("Done: configuration");
            assertEquals(smtp.getLocalPort(), daemon.api().get("/v1/host/mail").path("relayPort").asInt());

            CompletableFuture<List<String>> session = CompletableFuture.supplyAsync(() -> receive(smtp));
            c.type("s").enter().await("Sent: the relay accepted the test mail for ops@example.com").enter();
            List<String> said = session.get(30, TimeUnit.SECONDS);
            assertTrue(said.contains("RCPT TO:<ops@example.com>"), said.toString());
            assertTrue(said.contains("Subject: Blockhouse test mail"), said.toString());
            c.escape().awaitGone("SMTP relay and a test mail");

            c.type("ss").enter().await("secrets removed");
            c.type("c").enter().await("Saved as").enter().awaitGone("Saved as");
            c.type("b").enter().await("bundle-").enter().awaitGone("bundle-");
            c.escape().awaitGone("secrets removed").escape().awaitGone("Configuration and the appliance")
                    .escape().awaitGone("Main menu");
        }
        JsonNode bundles = daemon.api().get("/v1/host/support-bundle");
        assertEquals(1, bundles.size());
        assertTrue(Files.isRegularFile(daemon.dataDir().resolve("support").resolve(bundles.get(0).path("name")
                .asText())));
    }

    /** One SMTP session: replies as a relay would and returns the client's lines. */
    private static List<String> receive(ServerSocket server) {
        List<String> said = new ArrayList<>();
        try (Socket s = server.accept()) {
            s.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            out.write("220 relay ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean data = false;
            String line;
            while ((line = in.readLine()) != null) {
                said.add(line);
                String reply = null;
                if (data && line.equals(".")) {
                    data = false;
                    reply = "250 queued";
                } else if (!data && line.equals("DATA")) {
                    data = true;
                    reply = "354 go ahead";
                } else if (!data && line.equals("QUIT")) {
                    out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                    break;
                } else if (!data) {
                    reply = "250 ok";
                }
                if (reply != null) {
                    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        } catch (java.io.IOException e) {
            said.add("server failed: " + e);
        }
        return said;
    }
}
