package io.blockhouse.iscsi.session;

import io.blockhouse.iscsi.IscsiTarget;
import io.blockhouse.iscsi.TargetCatalog;
import io.blockhouse.iscsi.login.TextKeys;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers SendTargets (RFC 7143 section 13.3 and appendix C): TargetName followed by one TargetAddress per portal,
 * "address:port,tpgt" with IPv6 addresses in brackets. In a discovery session "All" lists what the catalog lets this
 * initiator see on this portal; in a normal session only the session's own target is reported.
 */
public final class SendTargets {
    private SendTargets() {
    }

    /**
     * Builds the response text. Keys repeat (one TargetName per target, several TargetAddress), so this writes the
     * pairs directly instead of through {@link TextKeys}.
     */
    public static byte[] answer(String value, TargetCatalog catalog, String initiatorName,
                                InetSocketAddress localAddress, IscsiTarget sessionTarget) {
        List<IscsiTarget> targets = new ArrayList<>();
        if (sessionTarget != null) {
            if (value.equals("All") || value.isEmpty() || value.equalsIgnoreCase(sessionTarget.name())) {
                targets.add(sessionTarget);
            }
        } else if (value.equals("All")) {
            targets.addAll(catalog.discoverable(initiatorName, localAddress));
        } else if (!value.isEmpty()) {
            Optional<IscsiTarget> named = catalog.find(value);
            if (named.isPresent() && named.get().enabled() && named.get().admits(initiatorName)) {
                targets.add(named.get());
            }
        }
        StringBuilder text = new StringBuilder();
        for (IscsiTarget t : targets) {
            text.append("TargetName=").append(t.name()).append('\0');
            for (InetSocketAddress portal : t.portals()) {
                text.append("TargetAddress=").append(format(portal, localAddress)).append(',')
                        .append(t.portalGroupTag(portal)).append('\0');
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String format(InetSocketAddress portal, InetSocketAddress local) {
        InetAddress address = portal.getAddress();
        if ((address == null || address.isAnyLocalAddress()) && local != null) {
            // A wildcard portal is reachable at the address this discovery connection came in on.
            address = local.getAddress();
        }
        String host = address == null ? portal.getHostString() : address.getHostAddress();
        if (address instanceof Inet6Address) {
            int zone = host.indexOf('%');
            host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
        }
        return host + ":" + portal.getPort();
    }
}
