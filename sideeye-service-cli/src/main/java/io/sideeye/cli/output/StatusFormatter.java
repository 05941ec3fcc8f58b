package io.sideeye.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.TimeZone;

/** A service status (its JSON form) as a few human-readable lines. */
public final class StatusFormatter {
    private final Style style;
    private final TimeZone zone;

    /** @param zone the zone times are shown in */
    public StatusFormatter(Style style, ZoneId zone) {
        this(style, TimeZone.getTimeZone(zone));
    }

    /** @param zone the zone times are shown in */
    public StatusFormatter(Style style, TimeZone zone) {
        this.style = style;
        this.zone = zone;
    }

    /**
     * The status: state, pid, URL and uptime; restarts; last health check; whether the health
     * checks verify the instance identity, when they do not; last exit and error.
     */
    public String format(JsonNode status) {
        String state = status.path("state").asText("UNKNOWN");
        StringBuilder out = new StringBuilder();
        out.append(paintState(state)).append("  pid ").append(status.path("pid").isNull() ? "-" : status.path("pid").asText())
                .append("  ").append(status.path("url").asText(""))
                .append("  up ").append(human(Duration.ofMillis(status.path("uptime").asLong())));
        out.append("\n  restarts: ").append(status.path("restartAttempts").asInt()).append(" recent, ")
                .append(status.path("restartsTotal").asInt()).append(" in total");
        JsonNode health = status.path("lastHealthCheck");
        if (health.isObject()) {
            boolean healthy = health.path("healthy").asBoolean();
            int http = health.path("status").asInt();
            out.append("\n  last health check: ").append(healthy ? style.green("healthy") : style.red("unhealthy"))
                    .append(" (").append(http > 0 ? "HTTP " + http + ", " + millis(health.path("latencyMs").asDouble()) + " ms, " : healthy ? "process alive, " : "")
                    .append("at ").append(time(health.path("timestamp").asText())).append(")");
            if (!healthy && health.hasNonNull("error")) {
                out.append(": ").append(health.path("error").asText());
            }
        }
        if (status.has("identityChecked") && !status.path("identityChecked").asBoolean()
                && !status.path("external").asBoolean() && status.hasNonNull("pid")) {
            out.append("\n  identity: ").append(style.yellow("not checked"))
                    .append(" (the health checks cannot tell this backend from another server on its port)");
        }
        if (status.hasNonNull("restartMode")) {
            out.append("\n  restart: ").append(status.path("restartMode").asText());
        }
        JsonNode exit = status.path("lastExit");
        if (exit.isObject()) {
            out.append("\n  last exit: code ").append(exit.path("code").asInt())
                    .append(exit.hasNonNull("signal") ? " (" + exit.path("signal").asText() + ")" : "")
                    .append(" at ").append(time(exit.path("timestamp").asText()));
        }
        if (status.hasNonNull("lastError")) {
            out.append("\n  last error: ").append(style.red(status.path("lastError").asText()));
        }
        return out.toString();
    }

    private String paintState(String state) {
        String shown = "● " + state;
        return switch (state) {
            case "RUNNING", "EXTERNAL" -> style.green(shown);
            case "FAILED" -> style.red(shown);
            case "STOPPED" -> style.dim(shown);
            default -> style.yellow(shown);
        };
    }

    private String time(String iso) {
        try {
            return InstantText.timeOfDay(InstantText.parse(iso), zone);
        } catch (RuntimeException e) {
            return iso;
        }
    }

    /**
     * {@code ms} with one decimal, as {@code String.format("%.1f", ms)} shows it (half up from the
     * shortest decimal form); by hand where that format's decimal separator is a dot, so that a
     * status needs no formatter and no locale data.
     */
    static String millis(double ms) {
        String language = Locale.getDefault(Locale.Category.FORMAT).getLanguage();
        if (Double.isFinite(ms) && ms >= 0 && (language.isEmpty() || language.equals("en"))) {
            return BigDecimal.valueOf(ms).setScale(1, RoundingMode.HALF_UP).toPlainString();
        }
        return String.format("%.1f", ms);
    }

    /** {@code 1h 2m}, {@code 3m 4s}, {@code 5s}. */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return s / 3600 + "h " + (s % 3600) / 60 + "m";
        }
        if (s >= 60) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s + "s";
    }
}
