/**
 * Access control against real initiators (issue 8, Done-when 4): ACLs, CHAP failure limiting and logging, CHAP for
 * discovery, and the permissions of the files that hold secrets.
 */
package io.blockhouse.it.security;
