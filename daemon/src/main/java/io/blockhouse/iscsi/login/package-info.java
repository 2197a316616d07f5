/**
 * The login phase (RFC 7143 sections 6, 11.12-11.13, 12 and 13): {@link io.blockhouse.iscsi.login.LoginHandler} runs
 * the stages, {@link io.blockhouse.iscsi.login.ChapAuthenticator} authenticates,
 * {@link io.blockhouse.iscsi.login.OperationalNegotiator} negotiates text keys into
 * {@link io.blockhouse.iscsi.login.SessionParameters}; on success the connection moves to the session package.
 */
package io.blockhouse.iscsi.login;
