package io.sideeye.service.http;

/**
 * Renders text that came from outside (an endpoint, a server's reason phrase or health field) so
 * that it is safe in a one-line error message: control characters escaped, length bounded.
 */
public final class Quoting {
    private Quoting() {
    }

    /**
     * {@code value} in double quotes with {@code "}, {@code \}, CR, LF, tab and other control
     * characters escaped Java-style, cut to {@code maxChars} characters (marked by {@code ...}).
     */
    public static String quote(String value, int maxChars) {
        return value == null ? "null" : '"' + escape(value, maxChars, true) + '"';
    }

    /** {@code value} on one line without quotes: control characters escaped, cut to {@code maxChars}. */
    public static String sanitize(String value, int maxChars) {
        if (value == null) {
            return "null";
        }
        // The common case (every line a backend prints goes through here) allocates nothing.
        return value.length() <= maxChars && printable(value) ? value : escape(value, maxChars, false);
    }

    private static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f && needsEscape(c)) {
                return false;
            }
        }
        return true;
    }

    private static String escape(String value, int maxChars, boolean quoted) {
        int end = Math.min(value.length(), maxChars);
        StringBuilder out = new StringBuilder(end + 8);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append(quoted ? "\\\"" : "\"");
                case '\\' -> out.append(quoted ? "\\\\" : "\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> appendPrintable(out, c);
            }
        }
        if (end < value.length()) {
            out.append("...");
        }
        return out.toString();
    }

    private static boolean needsEscape(char c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR;
    }

    private static void appendPrintable(StringBuilder out, char c) {
        if (needsEscape(c)) {
            out.append(String.format("\\u%04x", (int) c));
        } else {
            out.append(c);
        }
    }
}
