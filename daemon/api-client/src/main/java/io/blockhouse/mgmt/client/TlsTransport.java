package io.blockhouse.mgmt.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A remote daemon's TCP listener: TLS 1.2 or 1.3 only, the server's certificate checked against the trusted ones and
 * its name (DNS or IP subject alternative name) against the URL's host, the token sent as a bearer credential.
 */
final class TlsTransport implements Transport {

    /** Port of the daemon's TCP API when the URL names none. */
    static final int DEFAULT_PORT = 8443;
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    /** A peer that accepts but never completes the handshake is not a daemon: give up instead of hanging. */
    private static final int HANDSHAKE_TIMEOUT_MS = 30_000;
    /** Longest wait for an answer once the request is sent (a change may open devices or fsync the store). */
    private static final int ANSWER_TIMEOUT_MS = 600_000;
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final URI url;
    private final String token;
    private final SSLContext ssl;

    TlsTransport(URI url, String token, SSLContext ssl) {
        this.url = url;
        this.token = token;
        this.ssl = ssl;
    }

    /** Accepts {@code https://host[:port][/]} only: the token must never travel in clear text. */
    static URI parseUrl(String text) throws ApiClient.SetupException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ApiClient.SetupException("--url: not a URL: " + text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https")) {
            throw new ApiClient.SetupException("--url: must be https://HOST[:PORT] (the TCP API speaks only TLS), got "
                    + text);
        }
        if (uri.getHost() == null) {
            throw new ApiClient.SetupException("--url: no host in " + text);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null || uri.getUserInfo() != null) {
            throw new ApiClient.SetupException("--url: give only https://HOST[:PORT], got " + text);
        }
        return uri;
    }

    private int port() {
        return url.getPort() < 0 ? DEFAULT_PORT : url.getPort();
    }

    /** The host without the brackets of an IPv6 literal. */
    private String host() {
        String h = url.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    @Override
    public byte[] exchange(byte[] request) throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(host(), port()), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket(raw, host(), port(), true)) {
            SSLParameters params = socket.getSSLParameters();
            params.setProtocols(PROTOCOLS);
            // Checks the certificate's subject alternative names against the host, as a browser would.
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            socket.startHandshake();
            socket.setSoTimeout(ANSWER_TIMEOUT_MS);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(received);
            return received.toByteArray();
        }
    }

    @Override
    public String describe() {
        return "https://" + url.getHost() + ":" + port();
    }

    @Override
    public String hostHeader() {
        return url.getHost() + ":" + port();
    }

    @Override
    public String authorization() {
        return "Bearer " + token;
    }

    @Override
    public String hint() {
        return " (check --url, and --ca-file when the daemon's certificate is self-signed)";
    }
}
