package io.sideeye.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as configuration files write them: {@code 500} (milliseconds), {@code 500ms}, {@code 2s}, {@code 1.5m}, {@code 1h}. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    /** What a valid duration looks like, for error messages. */
    public static final String ALLOWED = "use milliseconds (500) or a number with ms, s, m or h (500ms, 2s, 1m)";

    private Durations() {
    }

    /**
     * Parses a duration; a plain number is milliseconds. Negative values parse (so that range
     * errors are reported by the configuration's own validation, with its wording).
     *
     * @throws IllegalArgumentException when the text is not a duration
     */
    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; " + ALLOWED);
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        BigDecimal millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount.multiply(BigDecimal.valueOf(1_000));
            case "m" -> amount.multiply(BigDecimal.valueOf(60_000));
            default -> amount.multiply(BigDecimal.valueOf(3_600_000));
        };
        try {
            return Duration.ofMillis(millis.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration; " + ALLOWED, e);
        }
    }
}
