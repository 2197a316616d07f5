package io.blockhouse.mgmt.client;

import java.io.IOException;

/** How request bytes reach the daemon and its answer comes back: one connection per exchange. */
interface Transport {

    /** Writes the whole request, then reads until the daemon closes the connection. */
    byte[] exchange(byte[] request) throws IOException;

    /** The socket path or URL, for messages. */
    String describe();

    /** The Host header value. */
    String hostHeader();

    /** The Authorization header value, or null when the transport needs none (the Unix socket). */
    String authorization();

    /** A hint appended to "cannot reach" messages. */
    String hint();
}
