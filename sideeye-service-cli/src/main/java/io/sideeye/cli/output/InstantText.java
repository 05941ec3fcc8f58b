package io.sideeye.cli.output;

import java.time.Instant;
import java.time.LocalDate;
import java.util.TimeZone;

/**
 * Instants read from and shown as text with plain arithmetic: the short control commands read a
 * few ISO-8601 instants and show a time of day, and java.time's formatters and zone rules (class
 * initialisation, the time-zone provider, locale data) would be a good part of such a command.
 * The daemon shows the time of every event on its console, and java.time's pattern formatter and
 * zone rules would stay loaded for its whole life. The results are those of {@link Instant#parse}
 * and {@code DateTimeFormatter.ofPattern("HH:mm:ss")} (and {@code "HH:mm:ss.SSS"}) in the zone's
 * offset at that instant, daylight saving time included.
 */
public final class InstantText {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private InstantText() {
    }

    /**
     * {@code text} as {@link Instant#parse} reads it; the common form {@code 2026-12-04T23:00:24.481Z}
     * (UTC, a four-digit year, 0 to 9 fraction digits) without java.time's parser.
     *
     * @throws java.time.format.DateTimeParseException as {@link Instant#parse} when it is no instant
     */
    public static Instant parse(String text) {
        int n = text.length();
        if (n >= 20 && n <= 30 && text.charAt(n - 1) == 'Z' && text.charAt(4) == '-' && text.charAt(7) == '-'
                && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int nanos = fraction(text, 19, n - 1);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23
                    && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && nanos >= 0
                    && day <= LocalDate.of(year, month, 1).lengthOfMonth()) {
                long epochDay = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
            }
        }
        return Instant.parse(text);
    }

    /** {@code HH:mm:ss} of {@code at} in {@code zone} (its offset at that instant). */
    public static String timeOfDay(Instant at, TimeZone zone) {
        return timeOfDay(at.toEpochMilli(), zone, false);
    }

    /** {@code HH:mm:ss.SSS} of {@code at} in {@code zone} (its offset at that instant). */
    public static String timeOfDayMillis(Instant at, TimeZone zone) {
        return timeOfDay(at.toEpochMilli(), zone, true);
    }

    private static String timeOfDay(long millis, TimeZone zone, boolean withMillis) {
        long localMillis = Math.floorMod(millis + zone.getOffset(millis), MILLIS_PER_DAY);
        long local = localMillis / 1000;
        char[] out = new char[withMillis ? 12 : 8];
        out[0] = digit(local / 36_000);
        out[1] = digit(local / 3600 % 10);
        out[2] = ':';
        out[3] = digit(local % 3600 / 600);
        out[4] = digit(local % 3600 / 60 % 10);
        out[5] = ':';
        out[6] = digit(local % 60 / 10);
        out[7] = digit(local % 10);
        if (withMillis) {
            out[8] = '.';
            out[9] = digit(localMillis % 1000 / 100);
            out[10] = digit(localMillis % 100 / 10);
            out[11] = digit(localMillis % 10);
        }
        return new String(out);
    }

    private static char digit(long d) {
        return (char) ('0' + d);
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character is no digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Nanoseconds of {@code text[from, to)}: empty, or a dot and 1 to 9 digits; -1 otherwise. */
    private static int fraction(String text, int from, int to) {
        if (from == to) {
            return 0;
        }
        int count = to - from - 1;
        if (text.charAt(from) != '.' || count < 1 || count > 9) {
            return -1;
        }
        int value = digits(text, from + 1, to);
        for (int i = count; i < 9 && value >= 0; i++) {
            value *= 10;
        }
        return value;
    }
}
