/** Bootstrap: {@link io.blockhouse.iscsi.server.IscsiServer} binds the portals and builds each connection's pipeline. */
package io.blockhouse.iscsi.server;
