package io.sideeye.control.security;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * DNS-rebinding defence: a request's {@code Host} must name the loopback interface
 * ({@code localhost}, {@code 127.0.0.1} or {@code [::1]}, one trailing dot allowed, any case)
 * together with exactly our port (or the port a relay in front of us listens on). A page on {@code evil.example} that rebinds its name to
 * 127.0.0.1 still sends {@code Host: evil.example} and is refused.
 */
public final class HostCheck {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> ports = new LinkedHashSet<>();

    /**
     * A check for a server bound to {@code port}, also reached through a relay listening on
     * {@code relayPort} (0: none).
     */
    public HostCheck(int port, int relayPort) {
        ports.add(Integer.toString(port));
        if (relayPort > 0) {
            ports.add(Integer.toString(relayPort));
        }
    }

    /** A check for a server bound to {@code port}. */
    public HostCheck(int port) {
        this(port, 0);
    }

    /** Whether {@code host} (the raw header value, may be null) names us. */
    public boolean allows(String host) {
        if (host == null) {
            return false;
        }
        int colon = host.lastIndexOf(':');
        if (colon < 0 || colon < host.lastIndexOf(']')) {
            return false; // no port: a browser would have sent ours, since it is never 80
        }
        String name = host.substring(0, colon).toLowerCase(Locale.ROOT);
        String portText = host.substring(colon + 1);
        if (name.endsWith(".") && !name.endsWith("].")) {
            name = name.substring(0, name.length() - 1);
        }
        return LOOPBACK_NAMES.contains(name) && ports.contains(portText);
    }

    /** The origins a browser sends for pages served by us, e.g. {@code http://127.0.0.1:PORT}. */
    public Set<String> ownOrigins() {
        Set<String> origins = new LinkedHashSet<>();
        for (String port : ports) {
            origins.add("http://127.0.0.1:" + port);
            origins.add("http://localhost:" + port);
            origins.add("http://[::1]:" + port);
        }
        return origins;
    }
}
