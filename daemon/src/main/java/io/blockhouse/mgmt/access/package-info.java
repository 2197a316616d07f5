/**
 * Access control of the management API's TCP listener: the bearer token (kept as a digest, compared in constant
 * time, re-read when its file changes); the per-address limit on failed attempts is {@code security.FailureLimiter}. TLS itself is set up by
 * {@code mgmt.TcpApiListener}.
 */
package io.blockhouse.mgmt.access;
