package io.blockhouse.mgmt.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiTokenTest {

    private static final String SECRET = "Zq8v1X-long-enough-token";

    @Test
    void onlyTheExactTokenMatches() {
        ApiToken token = ApiToken.of(SECRET);
        assertTrue(token.matches(SECRET));
        assertFalse(token.matches(null));
        assertFalse(token.matches(""));
        assertFalse(token.matches(SECRET + "x"));
        assertFalse(token.matches(SECRET.substring(1)));
        assertFalse(token.matches(SECRET.toUpperCase()));
    }

    @Test
    void shortOrMultiLineTokensAreRefusedWithoutEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiToken.of("short"));
        assertFalse(e.getMessage().contains("short\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ApiToken.of("sixteen-chars-ok\nX: y"));
        assertThrows(IllegalArgumentException.class, () -> ApiToken.of("has a space in the middle"));
        assertEquals("ApiToken[redacted]", ApiToken.of(SECRET).toString());
    }

    @Test
    void bearerHeaderIsParsedCaseInsensitively() {
        assertEquals("abc", BearerHeader.token("Bearer abc"));
        assertEquals("abc", BearerHeader.token("bearer   abc "));
        assertNull(BearerHeader.token(null));
        assertNull(BearerHeader.token("Basic YWxhZGRpbjpvcGVuc2VzYW1l"));
        assertNull(BearerHeader.token("Bearer"));
        assertNull(BearerHeader.token("Bearer "));
    }
}
