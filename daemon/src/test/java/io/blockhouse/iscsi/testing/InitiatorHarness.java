package io.blockhouse.iscsi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.server.IscsiChannelInitializer;
import io.blockhouse.iscsi.session.SessionRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Drives the production pipeline in an {@link EmbeddedChannel} as an initiator would: writes raw PDU bytes, parses
 * what the target writes back (with digests once negotiated) and tracks CmdSN / ExpStatSN.
 */
public final class InitiatorHarness implements AutoCloseable {
    public static final byte[] ISID = {(byte) 0x80, 0x12, 0x34, 0x56, 0, 1};
    public static final String INITIATOR = "iqn.2026-01.io.blockhouse:test-initiator";

    public final EmbeddedChannel channel;
    public final SessionRegistry registry;
    public final TrackingAllocator allocator = new TrackingAllocator();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Deque<TargetPduView> parsed = new ArrayDeque<>();
    private int parseOffset;
    public boolean headerDigest;
    public boolean dataDigest;
    public int cmdSN = 1;
    public int nextItt = 0x100;

    public InitiatorHarness(TestCatalog catalog, IscsiSettings settings) {
        this(catalog, settings, new SessionRegistry());
    }

    public InitiatorHarness(TestCatalog catalog, IscsiSettings settings, SessionRegistry registry) {
        this.registry = registry;
        channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        catalog.targets().forEach(t -> t.allocator = allocator);
        channel.freezeTime();
        channel.pipeline().addLast(new IscsiChannelInitializer(catalog, settings, registry, new SecureRandom()));
        channel.runPendingTasks();
    }

    public static IscsiSettings settings(int queueDepth, int maxBurst, int firstBurst, boolean immediate,
                                         boolean initialR2T, int maxOutstandingR2T) {
        return new IscsiSettings(queueDepth, 262144, maxBurst, firstBurst, immediate, initialR2T, maxOutstandingR2T,
                true, true, 30, 15, 15);
    }

    /** Writes one PDU (header + data) framed with the currently negotiated digests. */
    public void send(byte[] bhs, byte[] data) {
        sendRaw(Wire.frame(bhs, new byte[0], data, headerDigest, dataDigest));
    }

    public void send(byte[] bhs) {
        send(bhs, new byte[0]);
    }

    public void sendRaw(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
    }

    /** Collects everything the target wrote so far and parses complete PDUs. */
    private void drainOutbound() {
        channel.runPendingTasks();
        Object o;
        while ((o = channel.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            received.writeBytes(bytes);
        }
        byte[] all = received.toByteArray();
        while (true) {
            int hd = headerDigest ? 4 : 0;
            if (all.length - parseOffset < 48 + hd) {
                return;
            }
            byte[] bhs = new byte[48];
            System.arraycopy(all, parseOffset, bhs, 0, 48);
            int dsl = ((bhs[5] & 0xff) << 16) | ((bhs[6] & 0xff) << 8) | (bhs[7] & 0xff);
            int pad = (4 - dsl % 4) % 4;
            int dd = dataDigest && dsl > 0 ? 4 : 0;
            int total = 48 + hd + dsl + pad + dd;
            if (all.length - parseOffset < total) {
                return;
            }
            if (headerDigest) {
                int got = le32(all, parseOffset + 48);
                assertEquals(Wire.crc(bhs), got, "header digest from target");
            }
            byte[] data = new byte[dsl];
            System.arraycopy(all, parseOffset + 48 + hd, data, 0, dsl);
            if (dd > 0) {
                byte[] padded = new byte[dsl + pad];
                System.arraycopy(all, parseOffset + 48 + hd, padded, 0, dsl + pad);
                assertEquals(Wire.crc(padded), le32(all, parseOffset + 48 + hd + dsl + pad), "data digest");
            }
            parseOffset += total;
            TargetPduView view = new TargetPduView(bhs, data);
            parsed.add(view);
            // The final Login Response switches digests on for everything after it.
            if (view.opcode() == 0x23 && (view.flags() & 0x83) == 0x83 && view.loginStatus() == 0) {
                Map<String, String> keys = view.keys();
                headerDigest = "CRC32C".equals(keys.get("HeaderDigest")) || headerDigest && !keys.containsKey(
                        "HeaderDigest");
                dataDigest = "CRC32C".equals(keys.get("DataDigest")) || dataDigest && !keys.containsKey(
                        "DataDigest");
            }
        }
    }

    private static int le32(byte[] b, int o) {
        return (b[o] & 0xff) | ((b[o + 1] & 0xff) << 8) | ((b[o + 2] & 0xff) << 16) | ((b[o + 3] & 0xff) << 24);
    }

    /** The next PDU from the target; fails if there is none. */
    public TargetPduView next() {
        drainOutbound();
        TargetPduView v = parsed.poll();
        assertNotNull(v, "expected a PDU from the target");
        return v;
    }

    public TargetPduView next(int opcode) {
        TargetPduView v = next();
        assertEquals(opcode, v.opcode(), "opcode of the next target PDU");
        return v;
    }

    /** All PDUs available now. */
    public List<TargetPduView> all() {
        drainOutbound();
        List<TargetPduView> list = new ArrayList<>(parsed);
        parsed.clear();
        return list;
    }

    public boolean nothingMore() {
        drainOutbound();
        return parsed.isEmpty();
    }

    /** A normal-session login without authentication in one operational-stage PDU; returns the final response. */
    public TargetPduView loginNormal(String targetName, String... extraKeys) {
        List<String> keys = new ArrayList<>(List.of("InitiatorName=" + INITIATOR, "TargetName=" + targetName,
                "SessionType=Normal"));
        keys.addAll(List.of(extraKeys));
        send(Wire.login(true, false, 1, 3, ISID, 0, 1, cmdSN, 0), Wire.text(keys.toArray(new String[0])));
        TargetPduView r = next(0x23);
        assertEquals(0, r.loginStatus(), "login status " + Integer.toHexString(r.loginStatus()));
        assertTrue((r.flags() & 0x80) != 0, "transit");
        return r;
    }

    public int itt() {
        return nextItt++;
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
        channel.runPendingTasks();
        assertEquals(List.of(), allocator.unreleased(), "every buffer released exactly once");
    }
}
