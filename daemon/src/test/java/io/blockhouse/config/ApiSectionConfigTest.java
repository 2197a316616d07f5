package io.blockhouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiSectionConfigTest {

    private static final String TCP = """
            {"listen": "0.0.0.0:8443", "certificate": "/etc/blockhouse/cert.pem",
             "privateKey": "/etc/blockhouse/key.pem", "tokenFile": "/etc/blockhouse/token"}""";

    private static List<String> problems(String api) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("{\"listen\": [\"0.0.0.0:3260\"], \"api\": " + api + "}", "test"));
        return e.problems();
    }

    @Test
    void aCompleteSectionRoundTrips() throws Exception {
        BlockhouseConfig c = ConfigLoader.parse("{\"api\": {\"group\": \"storage\", \"tcp\": " + TCP + "}}", "t");
        assertEquals("storage", c.api().group());
        assertEquals("0.0.0.0:8443", c.api().tcp().listen());
        assertEquals(c, ConfigLoader.parse(ConfigLoader.toJson(c), "again"));
        BlockhouseConfig none = ConfigLoader.parse("{}", "t");
        assertNull(none.api());
        assertTrue(!ConfigLoader.toJson(none).contains("\"api\""), "absent stays absent");
    }

    @Test
    void everyMissingFieldIsNamed() {
        List<String> p = problems("{\"tcp\": {}}");
        assertEquals(4, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("api.tcp.listen: required"), p.toString());
        assertTrue(p.get(1).startsWith("api.tcp.certificate: required"), p.toString());
        assertTrue(p.get(2).startsWith("api.tcp.privateKey: required"), p.toString());
        assertTrue(p.get(3).startsWith("api.tcp.tokenFile: required"), p.toString());
    }

    @Test
    void badValuesAreNamed() {
        assertTrue(problems("{\"tcp\": " + TCP.replace("0.0.0.0:8443", "0.0.0.0") + "}").get(0)
                .startsWith("api.tcp.listen: missing port"));
        assertTrue(problems("{\"tcp\": " + TCP.replace("0.0.0.0:8443", "127.0.0.1:3260") + "}").get(0)
                .startsWith("api.tcp.listen: 127.0.0.1:3260 is also an iSCSI listen address"));
        assertTrue(problems("{\"tcp\": " + TCP.replace("/etc/blockhouse/token", "token") + "}").get(0)
                .startsWith("api.tcp.tokenFile: must be an absolute path"));
        assertTrue(problems("{\"group\": \"no such\"}").get(0).startsWith("api.group: not a group name"));
        assertTrue(problems("{\"tcp\": " + TCP.replace("\"listen\"", "\"port\"") + "}").get(0)
                .startsWith("api.tcp.port: unknown field"));
    }
}
