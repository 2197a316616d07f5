package io.blockhouse.config;

/**
 * The management API on TCP: served only over TLS (1.2 or 1.3), and every request must carry
 * {@code Authorization: Bearer <token>}. Paths are absolute; their content is checked when the listener starts (a
 * start or a live change), not by the pure validation of the configuration.
 *
 * @param listen      "host:port" to bind, e.g. "0.0.0.0:8443"
 * @param certificate PEM certificate chain the server presents
 * @param privateKey  its PEM private key, unencrypted (PKCS#8 "BEGIN PRIVATE KEY", as openssl writes by default)
 * @param tokenFile   file holding the token (one line); must not be readable by group or others
 */
public record TcpApiConfig(String listen, String certificate, String privateKey, String tokenFile) {
}
