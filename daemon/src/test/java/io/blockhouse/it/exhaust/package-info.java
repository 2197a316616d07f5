/**
 * Resource exhaustion against the packaged daemon: a full back-end file system ({@code FullFileSystemIT}), and
 * connection floods, session limits and write storms under a small heap ({@code ResourceExhaustionIT}).
 */
package io.blockhouse.it.exhaust;
