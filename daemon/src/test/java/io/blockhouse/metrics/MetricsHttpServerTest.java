package io.blockhouse.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsHttpServerTest {

    private final AtomicInteger scrapes = new AtomicInteger();
    private MetricsHttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = MetricsHttpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> {
            PrometheusText t = new PrometheusText();
            t.counter("x_scrapes_total", "Scrapes.").sample(scrapes.incrementAndGet());
            return t.render();
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
        return client.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getMetricsAnswersTheExpositionAsTextFormat004() throws Exception {
        HttpResponse<String> r = send("GET", "/metrics");
        assertEquals(200, r.statusCode());
        assertEquals(PrometheusText.CONTENT_TYPE, r.headers().firstValue("content-type").orElse(""));
        assertTrue(r.body().contains("x_scrapes_total 1\n"), r.body());
        assertTrue(send("GET", "/metrics?name[]=x").body().contains("x_scrapes_total 2\n"));
    }

    @Test
    void otherPathsAndMethodsAreRefusedWithoutScraping() throws Exception {
        assertEquals(404, send("GET", "/").statusCode());
        assertEquals(404, send("GET", "/v1/config").statusCode());
        assertEquals(404, send("GET", "/metrics/x").statusCode());
        HttpResponse<String> post = send("POST", "/metrics");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("allow").orElse(""));
        assertEquals(405, send("PUT", "/metrics").statusCode());
        assertEquals(405, send("DELETE", "/metrics").statusCode());
        assertEquals(0, scrapes.get());
    }

    @Test
    void aPortInUseIsAnError() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> MetricsHttpServer.start(server.address(), () -> ""));
        assertTrue(e.getMessage().startsWith("cannot listen on"), e.getMessage());
    }
}
