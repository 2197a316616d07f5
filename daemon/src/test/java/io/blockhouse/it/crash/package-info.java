/**
 * Crash consistency of acknowledged writes (issue 8, Done-when 2): writers with a verifying block pattern
 * ({@link io.blockhouse.it.crash.BlockPattern}), a ledger of what each block may hold after a crash
 * ({@link io.blockhouse.it.crash.DurabilityLedger}) and the IT that SIGKILLs the daemon under load
 * ({@link io.blockhouse.it.crash.CrashConsistencyIT}). See docs/RELIABILITY.md.
 */
package io.blockhouse.it.crash;
