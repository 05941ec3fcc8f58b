package io.sideeye.service.time;

import java.time.Instant;

/**
 * {@link Instant#toString()}'s text (ISO-8601 in UTC, {@code 2026-12-05T04:03:28.123Z}, the
 * fraction in groups of three digits and only when there is one), written without the JDK's
 * date-time formatters. Their first use loads and builds some sixty classes and a dozen
 * formatters that a daemon then keeps for its whole life, for the few timestamps it writes (its
 * runtime files, the lines of its output log files) (docs/BENCHMARKS.md, section
 * {@code daemons}). Instants outside the years 0000-9999 are left to {@link Instant#toString()}.
 */
public final class IsoInstant {
    private static final long FIRST = -62_167_219_200L; // 0000-01-01T00:00:00Z
    private static final long LAST = 253_402_300_799L; // 9999-12-31T23:59:59Z
    private static final int SECONDS_PER_DAY = 86_400;

    private IsoInstant() {
    }

    /** The text {@code instant.toString()} gives. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST || seconds > LAST) {
            return instant.toString();
        }
        StringBuilder text = new StringBuilder(30);
        appendDate(text, Math.floorDiv(seconds, SECONDS_PER_DAY));
        int ofDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        text.append('T');
        digits(text, ofDay / 3600, 2).append(':');
        digits(text, ofDay / 60 % 60, 2).append(':');
        digits(text, ofDay % 60, 2);
        int nano = instant.getNano();
        if (nano != 0) {
            text.append('.');
            if (nano % 1_000_000 == 0) {
                digits(text, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(text, nano / 1_000, 6);
            } else {
                digits(text, nano, 9);
            }
        }
        return text.append('Z').toString();
    }

    /** Appends {@code yyyy-MM-dd} of the day {@code epochDay} days after 1970-01-01 (proleptic Gregorian). */
    private static void appendDate(StringBuilder text, long epochDay) {
        // days to civil date, in eras of 400 years starting on 0000-03-01 (H. Hinnant's algorithm)
        long shifted = epochDay + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        long month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        digits(text, year, 4).append('-');
        digits(text, month, 2).append('-');
        digits(text, day, 2);
    }

    private static StringBuilder digits(StringBuilder text, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(s);
    }
}
