package io.sideeye.control.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Pieces of JSON text written straight into a {@link StringBuilder}, for the few replies and
 * stream frames sent often enough that building a tree and walking it with the data binding
 * costs more than the rest of their work (a health-check event a second, resources every 2 s
 * while a dashboard is open; docs/BENCHMARKS.md, section {@code daemons}). Each piece is
 * written as the core's data binding ({@code ServiceJson}) writes it, so the text is the same.
 */
public final class JsonText {
    private JsonText() {
    }

    /** {@code s} as a JSON string (escaped as the data binding escapes it), or {@code null}. */
    public static StringBuilder string(String s, StringBuilder b) {
        if (s == null) {
            return b.append("null");
        }
        b.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, b);
        return b.append('"');
    }

    /** As the data binding writes a double: {@link Double#toString}, and quoted when not finite. */
    public static StringBuilder number(double d, StringBuilder b) {
        return Double.isFinite(d) ? b.append(d) : b.append('"').append(d).append('"');
    }
}
