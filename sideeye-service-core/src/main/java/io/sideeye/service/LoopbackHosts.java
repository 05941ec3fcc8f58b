package io.sideeye.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which hosts count as loopback: {@code localhost} itself (probed and bound as 127.0.0.1),
 * addresses in 127.0.0.0/8 and {@code ::1}, and names under {@code .localhost} that resolve to
 * loopback addresses only. Such a name is resolved, never trusted by its spelling: a hosts file
 * or a DNS server may point {@code app.localhost} anywhere, and the backend would bind there.
 * Other names are never looked up.
 */
final class LoopbackHosts {

    /** Looks a name up; the seam that lets tests stand in for the system's resolver. */
    @FunctionalInterface
    interface Resolver {
        /** Every address of {@code name}. */
        InetAddress[] resolve(String name) throws UnknownHostException;

        /** The system's resolver. */
        Resolver SYSTEM = InetAddress::getAllByName;
    }

    private LoopbackHosts() {
    }

    /**
     * True for {@code localhost}, 127.0.0.0/8 and ::1 (with or without brackets), and for a name
     * under {@code .localhost} that resolves to loopback addresses only (looked up with the
     * system's resolver); other names are never looked up and are not loopback.
     */
    static boolean isLoopback(String host) {
        return isLoopback(host, Resolver.SYSTEM);
    }

    /** Whether {@code host} is loopback, names under {@code .localhost} resolved by {@code resolver}. */
    static boolean isLoopback(String host, Resolver resolver) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        if (h.endsWith(".localhost")) {
            return resolvesToLoopbackOnly(h, resolver);
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name other than localhost: never resolve it here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean resolvesToLoopbackOnly(String name, Resolver resolver) {
        try {
            InetAddress[] addresses = resolver.resolve(name);
            if (addresses == null || addresses.length == 0) {
                return false;
            }
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }
}
