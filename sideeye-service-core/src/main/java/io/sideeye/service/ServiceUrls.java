package io.sideeye.service;

import java.net.URI;

/**
 * Where the service is reached: the base URL that health checks and API calls are built on, and
 * the port it implies. Shared by the supervisor, the API caller, the launch plan and the
 * configuration, so that every request goes to the same place.
 */
final class ServiceUrls {
    private ServiceUrls() {
    }

    /**
     * The external URL of an attached service; else {@code http://127.0.0.1:8000}, with IPv6
     * literals in brackets and {@code localhost} as 127.0.0.1.
     */
    static String baseUrl(ServiceConfig config, int port) {
        if (config.external() != null) {
            return config.external().toString();
        }
        String host = config.connectHost();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port;
    }

    /** The configured port, or for an external URL its port (80 or 443 when it names none). */
    static int servicePort(ServiceConfig config) {
        URI external = config.external();
        if (external == null) {
            return config.port();
        }
        return external.getPort() != -1 ? external.getPort() : "https".equals(external.getScheme()) ? 443 : 80;
    }
}
