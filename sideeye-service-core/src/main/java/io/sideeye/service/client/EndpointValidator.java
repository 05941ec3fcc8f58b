package io.sideeye.service.client;

/** Placeholder until implemented. */
public final class EndpointValidator {
    private EndpointValidator() {
    }

    public static String validate(String endpoint) {
        if (endpoint == null || !endpoint.startsWith("/") || endpoint.startsWith("//") || endpoint.contains("..")
                || endpoint.contains("#") || endpoint.chars().anyMatch(c -> c <= 0x20)) {
            throw new IllegalArgumentException("invalid endpoint '" + endpoint + "'");
        }
        return endpoint;
    }
}
