package io.blockhouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsConfigTest {

    private static List<String> problemsOf(String json) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(json, "test.json")).problems();
    }

    @Test
    void absentOrEmptyMeansNoListener() throws Exception {
        assertNull(ConfigLoader.parse("{}", "t").metrics());
        assertNull(ConfigLoader.parse("{\"metrics\": {}}", "t").metrics().listenAddress());
    }

    @Test
    void aListenAddressIsParsedAndRoundTrips() throws Exception {
        BlockhouseConfig c = ConfigLoader.parse("{\"metrics\": {\"listen\": \"127.0.0.1:9470\"}}", "t");
        assertEquals(new InetSocketAddress("127.0.0.1", 9470), c.metrics().listenAddress());
        assertEquals(c, ConfigLoader.parse(ConfigLoader.toJson(c), "round trip"));
        assertTrue(ConfigLoader.toJson(c).contains("\"listen\" : \"127.0.0.1:9470\""), ConfigLoader.toJson(c));
    }

    @Test
    void badAddressesAreNamedByField() {
        assertEquals(List.of("metrics.listen: missing port in \"127.0.0.1\" (host:port)"),
                problemsOf("{\"metrics\": {\"listen\": \"127.0.0.1\"}}"));
        assertTrue(problemsOf("{\"metrics\": {\"listen\": \"prometheus.example:9470\"}}").get(0)
                .startsWith("metrics.listen: not a numeric IP address"));
        assertTrue(problemsOf("{\"metrics\": {\"listen\": \"127.0.0.1:70000\"}}").get(0)
                .startsWith("metrics.listen: port must be 1..65535"));
        assertTrue(problemsOf("{\"metrics\": {\"port\": 9470}}").get(0).startsWith("metrics.port: unknown field"),
                problemsOf("{\"metrics\": {\"port\": 9470}}").toString());
    }

    @Test
    void theListenerMayNotTakeAnIscsiPort() {
        assertEquals(List.of("metrics.listen: 127.0.0.1:3260 takes the port of iSCSI listen[0] (0.0.0.0:3260)"),
                problemsOf("{\"metrics\": {\"listen\": \"127.0.0.1:3260\"}}"));
        assertEquals(List.of("metrics.listen: 0.0.0.0:3261 takes the port of iSCSI listen[1] (127.0.0.1:3261)"),
                problemsOf("{\"listen\": [\"127.0.0.1:3260\", \"127.0.0.1:3261\"],"
                        + " \"metrics\": {\"listen\": \"0.0.0.0:3261\"}}"));
    }
}
