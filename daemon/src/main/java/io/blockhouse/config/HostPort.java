package io.blockhouse.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses "host:port", "[v6addr]:port" and ":port" (all addresses) into socket addresses, numerically only. */
public final class HostPort {

    private HostPort() {
    }

    /**
     * @param defaultPort used when the text has no port (e.g. "10.0.0.1"); pass -1 to require one
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static InetSocketAddress parse(String text, int defaultPort) {
        String s = text.trim();
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in \"" + text + "\"");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.startsWith(":")) {
                port = rest.substring(1);
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("expected ':port' after ']' in \"" + text + "\"");
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') != colon) {
                throw new IllegalArgumentException("IPv6 addresses need brackets: \"[" + s + "]:3260\"");
            }
            host = colon >= 0 ? s.substring(0, colon) : s;
            port = colon >= 0 ? s.substring(colon + 1) : null;
        }
        int portNumber = port == null ? defaultPort : parsePort(port, text);
        if (portNumber < 0) {
            throw new IllegalArgumentException("missing port in \"" + text + "\" (host:port)");
        }
        if (host.isEmpty()) {
            host = "0.0.0.0";
        }
        return new InetSocketAddress(parseAddress(host, text), portNumber);
    }

    /** Numeric addresses only: a name would need DNS, which an appliance on a SAN must not depend on. */
    private static InetAddress parseAddress(String host, String text) {
        try {
            if (host.equals("localhost")) {
                return InetAddress.getLoopbackAddress();
            }
            if (host.indexOf(':') >= 0) {
                return InetAddress.getByName(host); // an IPv6 literal is parsed, never looked up
            }
            String[] parts = host.split("\\.", -1);
            if (parts.length != 4) {
                throw new UnknownHostException();
            }
            byte[] octets = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
                    throw new UnknownHostException();
                }
                octets[i] = (byte) Integer.parseInt(parts[i]);
            }
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a numeric IP address: \"" + host + "\" in \"" + text + "\"");
        }
    }

    private static int parsePort(String port, String text) {
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be 1..65535 in \"" + text + "\"");
        }
    }

    /** "host:port" with IPv6 in brackets, as iSCSI TargetAddress and logs write it. */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        int percent = host.indexOf('%');
        if (percent >= 0) {
            host = host.substring(0, percent);
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
