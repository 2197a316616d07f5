package io.blockhouse.mgmt.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The one client of the daemon's management API, shared by the {@code blockhouse} CLI and the console TUI: HTTP/1.1
 * with JSON bodies, one request per connection (the daemon closes it after answering), either on the Unix socket of
 * a local daemon or on the optional TCP listener of a remote one, over TLS with a bearer token. Only JDK classes, so
 * a process that lives a fraction of a second starts no event loops. Thread-safe: nothing is shared between
 * requests.
 */
public final class ApiClient {

    /** The daemon could not be reached (no socket, nobody listening, TLS failed, connection dropped, not HTTP). */
    public static final class UnreachableException extends Exception {
        public UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The client cannot be set up as asked: bad URL, unreadable token or CA file. The message names the input. */
    public static final class SetupException extends Exception {
        public SetupException(String message) {
            super(message);
        }

        public SetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An HTTP answer: status and body text. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final Transport transport;

    private ApiClient(Transport transport) {
        this.transport = transport;
    }

    /** A client of the local daemon's API socket ({@code <data-dir>/blockhouse.sock}). */
    public static ApiClient unixSocket(Path socket) {
        return new ApiClient(new UnixSocketTransport(socket));
    }

    /**
     * A client of a daemon's TCP listener.
     *
     * @param url       {@code https://host[:port]} (port 8443 when absent); plain http is refused
     * @param tokenFile file holding the API token (its first line; surrounding white space ignored)
     * @param caFile    PEM file with the certificate(s) to trust (e.g. the daemon's self-signed one), or null for the
     *                  JDK's default trust store
     */
    public static ApiClient https(String url, Path tokenFile, Path caFile) throws SetupException {
        URI uri = TlsTransport.parseUrl(url);
        String token = BearerToken.read(tokenFile);
        return new ApiClient(new TlsTransport(uri, token, TrustedCertificates.sslContext(caFile)));
    }

    /** Where requests go, for messages: the socket path or the https URL. */
    public String target() {
        return transport.describe();
    }

    public Response get(String path) throws UnreachableException {
        return send("GET", path, null);
    }

    /** Sends one request ({@code body} JSON text or null) and returns the answer, whatever its status. */
    public Response send(String method, String path, String body) throws UnreachableException {
        byte[] request = HttpMessages.request(method, path, transport.hostHeader(), transport.authorization(), body);
        byte[] answer;
        try {
            answer = transport.exchange(request);
        } catch (IOException e) {
            throw new UnreachableException("cannot reach the daemon at " + transport.describe() + ": "
                    + describe(e) + transport.hint(), e);
        }
        return HttpMessages.parse(answer);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
