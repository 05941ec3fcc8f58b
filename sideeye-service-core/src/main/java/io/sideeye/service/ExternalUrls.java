package io.sideeye.service;

import java.net.URI;
import java.util.Locale;

/** The rules for an attach-mode URL and its bearer token, applied by {@link ServiceConfig}. */
final class ExternalUrls {
    private ExternalUrls() {
    }

    /**
     * The normalised external URL (lower-case scheme, no trailing slash), or null for none.
     *
     * @throws ServiceConfigException naming {@code external} (or {@code healthMode}) and the remedy
     */
    static URI validate(URI external, boolean dev, boolean allowRemoteHost, HealthMode healthMode) {
        if (external == null) {
            return null;
        }
        String shown = display(external);
        if (dev) {
            throw new ServiceConfigException("external", "external: " + shown + " and dev(true) both say the service"
                    + " runs elsewhere; set only external (dev(true) means http://host:port)");
        }
        if (healthMode == HealthMode.PROCESS) {
            throw new ServiceConfigException("healthMode", "healthMode: process needs a process of ours to watch, but"
                    + " the service at " + shown + " is external; use healthMode http");
        }
        String scheme = external.getScheme() == null ? null : external.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || external.isOpaque() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new ServiceConfigException("external", "external: " + shown + " is not an http or https URL;"
                    + " use e.g. http://127.0.0.1:8000 or https://api.example.com/app");
        }
        if (external.getRawUserInfo() != null) {
            throw new ServiceConfigException("external", "external: " + shown + " carries user info (user:password@);"
                    + " remove it and give the credential as apiToken, which is sent as a bearer token");
        }
        if (external.getHost() == null) {
            throw new ServiceConfigException("external", "external: " + shown + " has no valid host;"
                    + " use e.g. http://127.0.0.1:8000");
        }
        if (external.getRawQuery() != null || external.getRawFragment() != null) {
            throw new ServiceConfigException("external", "external: " + shown + " has a query or fragment; give only"
                    + " scheme, host, port and an optional path prefix, e.g. https://api.example.com/app");
        }
        String path = external.getRawPath() == null ? "" : external.getRawPath();
        if (path.contains("..") || path.contains("//")) {
            throw new ServiceConfigException("external", "external: " + shown + " has an unusable path prefix;"
                    + " use a plain prefix such as /app");
        }
        if (!allowRemoteHost && isRemote(external)) {
            throw new ServiceConfigException("external", "external: " + shown + " is on another machine ("
                    + external.getHost() + " is not a loopback address); set allowRemoteHost(true) to attach to a"
                    + " remote service on purpose");
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String port = external.getPort() == -1 ? "" : ":" + external.getPort();
        return URI.create(scheme + "://" + external.getHost() + port + path);
    }

    /** Whether the URL's host is not a loopback address. */
    static boolean isRemote(URI external) {
        return external != null && !LoopbackHosts.isLoopback(external.getHost());
    }

    /**
     * The token without surrounding whitespace, or null when empty.
     *
     * @throws ServiceConfigException when it cannot be sent in a header; the message never shows it
     */
    static String validateToken(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        String t = token.strip();
        if (t.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new ServiceConfigException("apiToken", "apiToken: contains a space, line break or control"
                    + " character, which cannot be sent in an Authorization header; check how the token is set");
        }
        return t;
    }

    /** URL text as it may appear in a message: user info replaced, control characters removed, cut short. */
    static String display(String text) {
        int at = text.lastIndexOf('@');
        int start = text.indexOf("://");
        String shown = at >= 0 && start >= 0 && at > start ? text.substring(0, start + 3) + "<user-info>"
                + text.substring(at) : text;
        return ServiceNames.printable(shown);
    }

    /** The URL as it may appear in a message: without user info. */
    static String display(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        return url.getScheme() + "://<user-info>@" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
