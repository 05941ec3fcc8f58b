package io.sideeye.control.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a browser signs in without the control token ever being stored in it. The dashboard link
 * carries a one-time code in its fragment ({@code /#code=...}: never sent to a server, never in
 * a {@code Referer}); the page exchanges it once for a session value, keeps that in
 * {@code sessionStorage} (which the browser keeps per origin: scheme, host <em>and port</em>)
 * and sends it as {@code Authorization: Bearer}. No cookie is ever set: browsers send cookies to
 * every port of a host, so a cookie would reach any other local server the user visits.
 *
 * <p>A code works once, so the link in the browser's history signs nobody in again. A session
 * value is {@code s1.<expiry>.<nonce>.<mac>}: an HMAC-SHA256 under the control token of the
 * expiry, nonce and this server's port. It is bound to this control server (another token or
 * port refuses it; a server restarted with the same token and port accepts it, so an open page
 * reconnects), ends after {@link #SESSION_LIFETIME}, and reveals nothing of the token.
 */
public final class BrowserSessions {
    /** How long a session value signs requests in. */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(8);
    /** Codes minted and not yet used that are kept; older ones stop working. */
    static final int MAX_OPEN_CODES = 64;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final int port;
    private final Clock clock;
    private final Set<String> openCodes = new LinkedHashSet<>();

    /** Sessions of the server holding {@code token} on {@code port}. */
    public BrowserSessions(AccessToken token, int port, Clock clock) {
        this.key = token.reveal().getBytes(StandardCharsets.UTF_8);
        this.port = port;
        this.clock = clock;
    }

    /** A fresh one-time code for a dashboard link. */
    public synchronized String newCode() {
        String code = random();
        openCodes.add(code);
        if (openCodes.size() > MAX_OPEN_CODES) {
            openCodes.remove(openCodes.iterator().next());
        }
        return code;
    }

    /**
     * Uses up {@code code} and answers a session value for it, or null when the code is unknown
     * or already used.
     */
    public String exchange(String code) {
        synchronized (this) {
            if (code == null || !openCodes.remove(code)) {
                return null;
            }
        }
        long expiry = clock.instant().plus(SESSION_LIFETIME).getEpochSecond();
        String body = "s1." + expiry + "." + random();
        return body + "." + mac(body);
    }

    /** Whether {@code value} is a session value this server issued and that has not expired. */
    public boolean isValid(String value) {
        if (value == null || !value.startsWith("s1.") || value.length() > 200) {
            return false;
        }
        int lastDot = value.lastIndexOf('.');
        String body = value.substring(0, lastDot);
        byte[] given = value.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, mac(body).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        String[] parts = body.split("\\.");
        try {
            return parts.length == 3 && Long.parseLong(parts[1]) > clock.instant().getEpochSecond();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String mac(String body) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sum = hmac.doFinal(("sideeye-dashboard-session|" + port + "|" + body)
                    .getBytes(StandardCharsets.UTF_8));
            return B64.encodeToString(sum);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java", e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }
}
