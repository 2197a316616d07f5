package io.blockhouse.iscsi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.testing.MemoryNexus;
import io.blockhouse.iscsi.testing.TestCatalog;
import io.blockhouse.iscsi.testing.TestTarget;
import io.blockhouse.iscsi.testing.Wire;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Graceful shutdown over a real socket: in-flight commands answer before connections close. */
class IscsiServerShutdownTest {
    private static final String IQN = "iqn.2026-01.io.blockhouse:shutdown";

    /** Reads one PDU (no digests) and returns its 48-byte BHS. */
    private static byte[] readPdu(DataInputStream in) throws IOException {
        byte[] bhs = new byte[48];
        in.readFully(bhs);
        int dsl = ((bhs[5] & 0xff) << 16) | ((bhs[6] & 0xff) << 8) | (bhs[7] & 0xff);
        in.readFully(new byte[dsl + (4 - dsl % 4) % 4]);
        return bhs;
    }

    @Test
    void closeLetsInFlightCommandsAnswerThenClosesConnections() throws Exception {
        TestTarget target = new TestTarget(IQN, 16);
        IscsiServer server = new IscsiServer(new TestCatalog().add(target), IscsiSettings.defaults(),
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        server.start();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.boundAddresses().get(0).getPort())) {
            socket.setSoTimeout(20000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] isid = {(byte) 0x80, 0, 0, 0, 0, 9};
            out.write(Wire.frame(Wire.login(true, false, 1, 3, isid, 0, 1, 1, 0),
                    Wire.text("InitiatorName=iqn.2026-01.io.blockhouse:sock", "TargetName=" + IQN)));
            byte[] login = readPdu(in);
            assertEquals(0x23, login[0] & 0x3f);
            assertEquals(0, login[36]);
            MemoryNexus nexus = target.lastNexus();
            nexus.holdCompletions(true);
            out.write(Wire.frame(Wire.scsiCommand(false, true, false, false, 0, 0x42, 0, 1, new byte[16]),
                    new byte[0]));
            while (nexus.heldCount() == 0) {
                Thread.onSpinWait();
            }
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            byte[] async = readPdu(in);
            assertEquals(0x32, async[0] & 0x3f, "Async Message asking for logout");
            assertEquals(1, async[36]);
            nexus.releaseHeld();
            byte[] response = readPdu(in);
            assertEquals(0x21, response[0] & 0x3f, "the held command still answers");
            assertEquals(0x42, Wire.get32(response, 16));
            closing.get();
            assertEquals(-1, in.read(), "connection closed after the drain");
            assertTrue(nexus.closed());
        } finally {
            server.close();
        }
    }
}
