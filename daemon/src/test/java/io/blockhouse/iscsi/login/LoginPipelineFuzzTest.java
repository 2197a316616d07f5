package io.blockhouse.iscsi.login;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.blockhouse.iscsi.ChapCredentials;
import io.blockhouse.iscsi.IscsiSettings;
import io.blockhouse.iscsi.testing.InitiatorHarness;
import io.blockhouse.iscsi.testing.TestCatalog;
import io.blockhouse.iscsi.testing.TestTarget;
import java.util.Arrays;

/**
 * Fuzzes the whole production pipeline of one connection (framing, login with text negotiation and CHAP, then the
 * full feature phase) with a raw byte stream from a hostile initiator, through {@link InitiatorHarness}. Invariants:
 * no exception escapes the pipeline (EmbeddedChannel rethrows any), what the target sends is well-framed with the
 * digests it negotiated (the harness checks them), and when the connection ends every buffer has been released
 * exactly once (the harness's tracking allocator).
 *
 * <p>Input layout: byte 0 bit 0 = the target requires CHAP (bit 1: mutual), bit 2 = discovery CHAP required;
 * byte 1 = chunk size (0 = all at once); the rest is the initiator's byte stream.
 */
class LoginPipelineFuzzTest {
    private static final String IQN = "iqn.2026-01.io.blockhouse:disk1";
    private static final int MAX_STREAM = 64 * 1024;

    @FuzzTest(maxDuration = "20s")
    void connection(byte[] input) {
        if (input.length < 2 || input.length - 2 > MAX_STREAM) {
            return;
        }
        TestTarget target = new TestTarget(IQN, 64);
        if ((input[0] & 1) != 0) {
            target.chap = (input[0] & 2) != 0
                    ? new ChapCredentials("alice", "initiator-secret-16", "target-x", "target-secret-1234")
                    : new ChapCredentials("alice", "initiator-secret-16", null, null);
        }
        TestCatalog catalog = new TestCatalog().add(target);
        if ((input[0] & 4) != 0) {
            catalog.discoveryChap = new ChapCredentials("disc", "discovery-secret-1", null, null);
        }
        int chunk = input[1] & 0xff;
        try (InitiatorHarness h = new InitiatorHarness(catalog, IscsiSettings.defaults())) {
            int offset = 2;
            while (offset < input.length && h.channel.isOpen()) {
                int n = chunk == 0 ? input.length - offset : Math.min(chunk, input.length - offset);
                h.sendRaw(Arrays.copyOfRange(input, offset, offset + n));
                offset += n;
                h.all();
            }
        }
    }
}
