package io.sideeye.config;

import java.util.regex.Pattern;

/**
 * Recognises environment variables whose values must not be shown or written into exported
 * files: by name (tokens, passwords, keys, DSNs) and by value (a URL that carries a password).
 * It errs on the side of hiding.
 */
public final class Secrets {
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL).*|.*(PASS|PWD|DSN)");
    /** {@code scheme://user:password@host...}; the user may be empty ({@code redis://:pw@host}). */
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile(
            "(?i)\\s*[a-z][a-z0-9+.-]*://[^/?#@\\s:]*:[^/?#@\\s]+@.*", Pattern.DOTALL);

    private Secrets() {
    }

    /**
     * Whether variable {@code name} holding {@code value} is a secret: its name contains TOKEN,
     * SECRET, PASSWORD, PASSWD, KEY or CREDENTIAL or ends in PASS, PWD or DSN (any case), or its
     * value is a URL with a user and password ({@code postgres://app:pw@db/app}).
     */
    public static boolean looksSecret(String name, String value) {
        return SECRET_NAME.matcher(name).matches() || value != null && URL_WITH_PASSWORD.matcher(value).matches();
    }
}
