package io.sideeye.control.security;

import java.util.Locale;
import java.util.Set;

/**
 * DNS-rebinding defence: a request's {@code Host} must name the loopback interface
 * ({@code localhost}, {@code 127.0.0.1} or {@code [::1]}, one trailing dot allowed, any case)
 * together with exactly our port. A page on {@code evil.example} that rebinds its name to
 * 127.0.0.1 still sends {@code Host: evil.example} and is refused.
 */
public final class HostCheck {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final int port;

    /** A check for a server bound to {@code port}. */
    public HostCheck(int port) {
        this.port = port;
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
        return LOOPBACK_NAMES.contains(name) && portText.equals(Integer.toString(port));
    }

    /** The origins a browser sends for pages served by us, e.g. {@code http://127.0.0.1:PORT}. */
    public Set<String> ownOrigins() {
        return Set.of("http://127.0.0.1:" + port, "http://localhost:" + port, "http://[::1]:" + port);
    }
}
