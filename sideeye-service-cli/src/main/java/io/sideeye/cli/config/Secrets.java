package io.sideeye.cli.config;

import java.util.regex.Pattern;

/** Recognises environment variable names whose values must not be shown (tokens, passwords, keys). */
public final class Secrets {
    private static final Pattern SECRET = Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL).*");

    private Secrets() {
    }

    /** Whether a variable called {@code name} holds a secret (its name contains TOKEN, SECRET, PASSWORD, KEY, ...). */
    public static boolean looksSecret(String name) {
        return SECRET.matcher(name).matches();
    }
}
