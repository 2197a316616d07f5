/**
 * A small blocking iSCSI initiator written from RFC 7143 for tests, independent of the daemon's code: login with
 * security (CHAP-MD5 one-way and mutual) and operational negotiation, discovery, SCSI commands with immediate,
 * unsolicited and R2T-solicited Data-Out and multi-PDU Data-In, CRC32C digests, NOP-Out and logout
 * ({@link io.blockhouse.it.initiator.IscsiSession}); plus a raw mode for hostile tests: arbitrary bytes, damaged
 * digests, bounded waits that report silence or a closed connection ({@link io.blockhouse.it.initiator.IscsiConnection}).
 */
package io.blockhouse.it.initiator;
