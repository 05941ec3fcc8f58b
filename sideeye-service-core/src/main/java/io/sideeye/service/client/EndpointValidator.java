package io.sideeye.service.client;

import io.sideeye.service.http.Quoting;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Accepts only API endpoints that stay on the backend: a path relative to the API base that
 * starts with exactly one {@code /}, with an optional query string ({@code /notes/?page=2}).
 * Rejected: a scheme ({@code http:}), a host ({@code //evil.example}), a {@code ..} segment
 * (also percent-encoded, e.g. {@code %2e%2e}), a fragment ({@code #}), whitespace, CR, LF, NUL
 * and other control characters, backslashes, characters a URI may not hold unencoded, and more
 * than {@value #MAX_LENGTH} characters.
 */
public final class EndpointValidator {
    /** The longest endpoint accepted, in characters. */
    public static final int MAX_LENGTH = 2048;
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern SEGMENT_SEPARATOR = Pattern.compile("[/\\\\]");
    private static final String HINT = "use a path relative to the API base such as /notes/ or /notes/?page=2";
    private static final int MAX_DECODE_ROUNDS = 3;

    private EndpointValidator() {
    }

    /**
     * Returns {@code endpoint} unchanged when it is allowed.
     *
     * @throws IllegalArgumentException naming the endpoint (quoted and escaped) and the rule it breaks
     */
    public static String validate(String endpoint) {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint is missing; " + HINT);
        }
        String violation = violation(endpoint);
        if (violation != null) {
            throw new IllegalArgumentException("endpoint " + Quoting.quote(endpoint, 80) + " is not allowed: "
                    + violation + "; " + HINT);
        }
        return endpoint;
    }

    private static String violation(String endpoint) {
        if (endpoint.length() > MAX_LENGTH) {
            return "it is " + endpoint.length() + " characters long, more than the limit of " + MAX_LENGTH;
        }
        if (!endpoint.startsWith("/") && SCHEME.matcher(endpoint).lookingAt()) {
            return "it is an absolute URL with a scheme, not a path";
        }
        String badCharacter = badCharacter(endpoint);
        if (badCharacter != null) {
            return badCharacter;
        }
        if (!endpoint.startsWith("/")) {
            return "it does not start with /";
        }
        if (endpoint.startsWith("//")) {
            return "it starts with //, which names another host";
        }
        int query = endpoint.indexOf('?');
        if (hasDotDotSegment(query < 0 ? endpoint : endpoint.substring(0, query))) {
            return "it contains a .. segment (plain or percent-encoded), which would leave the API base";
        }
        try {
            new URI(endpoint);
        } catch (URISyntaxException e) {
            return "it is not a valid URL path (" + e.getReason() + " at index " + e.getIndex()
                    + "); percent-encode such characters";
        }
        return null;
    }

    private static String badCharacter(String endpoint) {
        for (int i = 0; i < endpoint.length(); i++) {
            char c = endpoint.charAt(i);
            if (Character.isISOControl(c)) {
                return "it contains a control character (CR, LF, NUL or similar) at index " + i;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return "it contains whitespace at index " + i + "; percent-encode spaces as %20";
            }
            if (c == '\\') {
                return "it contains a backslash at index " + i;
            }
            if (c == '#') {
                return "it contains a fragment (#) at index " + i + ", which is never sent to a server";
            }
        }
        return null;
    }

    /** True when a segment is {@code ..} once percent-decoded (repeatedly, against double encoding). */
    private static boolean hasDotDotSegment(String path) {
        if (path.indexOf('.') < 0 && path.indexOf('%') < 0) {
            return false; // neither a dot nor an escape that could decode to one
        }
        String decoded = path;
        for (int round = 0; round <= MAX_DECODE_ROUNDS; round++) {
            for (String segment : SEGMENT_SEPARATOR.split(decoded, -1)) {
                int params = segment.indexOf(';'); // "..;x" is ".." to servlet-style servers
                if ((params < 0 ? segment : segment.substring(0, params)).equals("..")) {
                    return true;
                }
            }
            String next = percentDecode(decoded);
            if (next.equals(decoded)) {
                return false;
            }
            decoded = next;
        }
        return true; // still changing after several rounds: nothing legitimate is encoded that deeply
    }

    /** Decodes {@code %XX} escapes byte-wise (ISO-8859-1); malformed escapes stay as they are. */
    private static String percentDecode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                out.append((char) (hi * 16 + lo));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
