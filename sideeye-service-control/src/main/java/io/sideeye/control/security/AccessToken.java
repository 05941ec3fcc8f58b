package io.sideeye.control.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The control server's secret: 256 random bits, or a caller's token of at least as many
 * characters. Compared in constant time; {@link #toString()} never reveals it.
 */
public final class AccessToken {
    /** Shortest token a caller may supply (43 base64url characters carry 256 bits). */
    public static final int MIN_LENGTH = 43;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;
    private final byte[] digest;

    private AccessToken(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /** A fresh token of 256 random bits in base64url (43 characters). */
    public static AccessToken random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new AccessToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * A caller's token.
     *
     * @throws IllegalArgumentException when it is shorter than {@value #MIN_LENGTH} characters or
     *                                  has characters outside {@code A-Z a-z 0-9 . _ ~ -}; the
     *                                  message never contains the token
     */
    public static AccessToken of(String value) {
        if (value == null || value.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("control token is too short: it needs at least " + MIN_LENGTH
                    + " characters (256 bits); leave it unset to get a random one");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("control token has characters outside A-Z a-z 0-9 . _ ~ -;"
                    + " use a base64url string or leave it unset to get a random one");
        }
        return new AccessToken(value);
    }

    /** The secret itself, for the URL printed to the user and for clients. Never log it. */
    public String reveal() {
        return value;
    }

    /** Whether {@code candidate} is this token; takes the same time wherever they differ. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(candidate));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "AccessToken[redacted]";
    }
}
