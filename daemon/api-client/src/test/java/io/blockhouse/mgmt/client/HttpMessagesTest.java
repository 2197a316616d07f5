package io.blockhouse.mgmt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpMessagesTest {

    @Test
    void requestCarriesTokenAndBodyLength() {
        String r = new String(HttpMessages.request("POST", "/v1/devices", "h:8443", "Bearer abc", "{\"n\":\"é\"}"),
                StandardCharsets.UTF_8);
        assertEquals("POST /v1/devices HTTP/1.1\r\nHost: h:8443\r\nConnection: close\r\nAccept: application/json\r\n"
                + "Authorization: Bearer abc\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n"
                + "{\"n\":\"é\"}", r);
    }

    @Test
    void requestWithoutTokenHasNoAuthorizationHeader() {
        String r = new String(HttpMessages.request("GET", "/v1/config", "blockhouse", null, null),
                StandardCharsets.US_ASCII);
        assertFalse(r.contains("Authorization"));
        assertTrue(r.endsWith("Content-Length: 0\r\n\r\n"));
    }

    @Test
    void answerIsCutToContentLength() throws Exception {
        ApiClient.Response r = HttpMessages.parse(("HTTP/1.1 401 Unauthorized\r\ncontent-length: 4\r\n\r\n"
                + "{}{}trailing").getBytes(StandardCharsets.US_ASCII));
        assertEquals(401, r.status());
        assertEquals("{}{}", r.body());
        assertFalse(r.ok());
    }

    @Test
    void nonHttpAnswerIsUnreachable() {
        assertThrows(ApiClient.UnreachableException.class,
                () -> HttpMessages.parse("\u0015\u0003\u0003".getBytes(StandardCharsets.ISO_8859_1)));
        assertThrows(ApiClient.UnreachableException.class, () -> HttpMessages.parse(
                "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    }
}
