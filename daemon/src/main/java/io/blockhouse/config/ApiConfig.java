package io.blockhouse.config;

/**
 * The "api" section: who may use the management API. The Unix socket ({@code <data-dir>/blockhouse.sock}, mode 0660,
 * owned by the daemon's user) is always there; {@code group} hands it to a group whose members may then manage the
 * daemon. {@code tcp}, when present, adds a TCP listener for remote automation, TLS and token only.
 *
 * @param group Unix group that owns the API socket, or null for the daemon's primary group
 * @param tcp   the TCP listener, or null for none
 */
public record ApiConfig(String group, TcpApiConfig tcp) {
}
