package io.blockhouse.mgmt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSetupTest {

    @Test
    void onlyHttpsUrlsAreAccepted(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cret-token\n");
        assertEquals("https://10.0.0.1:8443", ApiClient.https("https://10.0.0.1", token, null).target());
        assertEquals("https://h:9000", ApiClient.https("https://h:9000/", token, null).target());
        for (String bad : new String[] {"http://h:8443", "h:8443", "https://h:1/v1", "https://u@h", "https:///x"}) {
            ApiClient.SetupException e = assertThrows(ApiClient.SetupException.class,
                    () -> ApiClient.https(bad, token, null), bad);
            assertTrue(e.getMessage().startsWith("--url: "), e.getMessage());
        }
    }

    @Test
    void tokenFileMustHoldOnePrintableLine(@TempDir Path dir) throws Exception {
        assertEquals("abc", BearerToken.read(Files.writeString(dir.resolve("t1"), "  abc\n")));
        assertThrows(ApiClient.SetupException.class, () -> BearerToken.read(dir.resolve("missing")));
        assertThrows(ApiClient.SetupException.class, () -> BearerToken.read(null));
        assertThrows(ApiClient.SetupException.class,
                () -> BearerToken.read(Files.writeString(dir.resolve("t2"), "\n")));
        assertThrows(ApiClient.SetupException.class,
                () -> BearerToken.read(Files.writeString(dir.resolve("t3"), "a\r\nX-Injected: 1")));
    }

    @Test
    void caFileMustHoldACertificate(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "t");
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "hello");
        ApiClient.SetupException e = assertThrows(ApiClient.SetupException.class,
                () -> ApiClient.https("https://h", token, notPem));
        assertTrue(e.getMessage().startsWith("--ca-file: "), e.getMessage());
    }
}
