package io.sideeye.desktop.model;

import java.util.Locale;

/** How numbers appear in the window: short, stable, and with a dash for "none". */
public final class Formats {
    /** Shown for a value that does not exist (no pid, no check yet). */
    public static final String NONE = "—";

    private Formats() {
    }

    /** {@code 45s}, {@code 2m 05s}, {@code 1h 02m 03s}, {@code 3d 04h 05m}; {@link #NONE} for 0 or less. */
    public static String uptime(long millis) {
        if (millis <= 0) {
            return NONE;
        }
        long s = millis / 1000;
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return String.format(Locale.ROOT, "%dd %02dh %02dm", days, hours, minutes);
        }
        if (hours > 0) {
            return String.format(Locale.ROOT, "%dh %02dm %02ds", hours, minutes, seconds);
        }
        if (minutes > 0) {
            return String.format(Locale.ROOT, "%dm %02ds", minutes, seconds);
        }
        return seconds + "s";
    }

    /** {@code 0.42 ms}, {@code 3.1 ms}, {@code 120 ms}: two significant figures below 10 ms. */
    public static String latency(double millis) {
        if (millis < 1) {
            return String.format(Locale.ROOT, "%.2f ms", millis);
        }
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        return Math.round(millis) + " ms";
    }

    /** The number, or {@link #NONE} for null. */
    public static String number(Number value) {
        return value == null ? NONE : value.toString();
    }
}
