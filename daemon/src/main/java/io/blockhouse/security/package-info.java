/**
 * Protection shared by every way in (iSCSI logins, the management API over TCP): {@link
 * io.blockhouse.security.FailureLimiter}, the per-source-address limit on failed authentications. Depends on
 * nothing else in Blockhouse, so both the iSCSI layer and the management plane can use it.
 */
package io.blockhouse.security;
