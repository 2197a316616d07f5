/** Counters of the iSCSI layer (logins, login failures, Rejects, digest errors) for the metrics endpoint. */
package io.blockhouse.iscsi.stats;
