package io.sideeye.config;

import io.sideeye.service.time.DurationText;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.sideeye.service.HealthMode;
import io.sideeye.service.ServerKind;
import io.sideeye.service.ServiceConfig;
import io.sideeye.service.ServiceJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds of value a configuration key holds, how each is converted from what a file, the
 * environment or a flag wrote, and how it is shown back. Conversion checks only the form
 * ("is this a duration?"); ranges are checked by {@link ServiceConfig}'s own validation so that
 * the rules and their wording live in one place.
 *
 * <p>{@link #convert} and {@link #render} are switches over the constants, not methods overridden
 * in each constant's body: a constant with a body is a class of its own, which every start of
 * {@code sideeye run} loads (all constants are created at once) and the daemon keeps mapped,
 * about 7 KB each.
 */
public enum ValueType {
    /** A port number, or {@code auto} for 0 (pick a free port at each start). */
    PORT("a port number (0-65535) or auto"),
    /** A whole number. */
    COUNT("a whole number"),
    /** A size in bytes, optionally with KiB, MiB or GiB. */
    BYTES("a size in bytes, or with KiB, MiB or GiB (e.g. 16MiB)"),
    /** true or false (also yes/no, on/off, 1/0). */
    BOOLEAN("true or false"),
    /** A duration: milliseconds, or a number with ms, s, m or h. */
    DURATION("a duration: milliseconds or 500ms, 2s, 1m, 1h"),
    /** Text. */
    TEXT("text"),
    /** A directory or file path; relative paths written in a file are relative to that file's folder. */
    PATH("a path (relative to the config file's folder when written there)"),
    /** A program: a name looked up on PATH, or a path (relative to the config file's folder when written there). */
    EXECUTABLE("a program name on PATH or a path to it"),
    /** One of the server presets. */
    SERVER("one of " + serverNames()),
    /**
     * How a service's health is judged: {@code http} (its health endpoint answers), {@code process}
     * (it is alive) or {@code tcp} (its port accepts connections).
     */
    HEALTH("http, process or tcp"),
    /** HTTP status codes: a list, or one code; from the environment or a flag also {@code 200,204} or a JSON array. */
    STATUS_CODES("a list of HTTP status codes, e.g. [200, 204]"),
    /** The URL of a service that runs elsewhere; its form is checked by the core. */
    URL("an http or https URL, e.g. https://api.example.com/app"),
    /** A secret (the bearer token of an external service): never shown, not even when it is malformed. */
    SECRET("a token (from the file or the environment; never shown)"),
    /** Names of other services: a list, or one name; from a flag also a JSON array or a comma-separated list. */
    NAMES("a list of service names, e.g. [web]"),
    /** An argv list (never run through a shell); from the environment or a flag as a JSON array. */
    ARGV("a list of strings, e.g. [\"python3\", \"-m\", \"waitress\", \"--port={port}\", \"app:wsgi\"]"),
    /** Environment variables for the child; from the environment or a flag as a JSON object. */
    ENV_MAP("a mapping of variable names to values, e.g. {SIDEEYE_DEBUG: \"1\"}");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    /** What values of this type look like, for documentation and {@code --print-config}. */
    public String description() {
        return description;
    }

    /**
     * Converts a raw value (never null).
     *
     * @param base the folder relative paths are resolved against
     * @throws BadValue naming the value and the expected form
     */
    Object convert(Object raw, Path base) {
        return switch (this) {
            case PORT -> raw instanceof String s && s.trim().equalsIgnoreCase("auto") ? Integer.valueOf(0)
                    : Integer.valueOf(toInt(raw, "is not a port; use a number from 0 to 65535, or auto"));
            case COUNT -> toInt(raw, "is not a whole number; use e.g. 3");
            case BYTES -> bytes(raw);
            case BOOLEAN -> bool(raw);
            case DURATION -> duration(raw);
            case TEXT -> scalarText(raw);
            case PATH -> path(raw, base);
            case EXECUTABLE -> executable(raw, base);
            case SERVER -> server(raw);
            case HEALTH -> health(raw);
            case STATUS_CODES -> statusCodes(raw);
            case URL -> scalarText(raw).trim();
            case SECRET -> secret(raw);
            case NAMES -> names(raw);
            case ARGV -> argv(raw);
            case ENV_MAP -> envMap(raw);
        };
    }

    /** The value as shown by {@code --print-config}. */
    String render(Object value) {
        if (value == null) {
            return "(none)";
        }
        return switch (this) {
            case PORT -> Integer.valueOf(0).equals(value) ? "auto (0)" : String.valueOf(value);
            case DURATION -> DurationText.format((Duration) value);
            case PATH -> ((Path) value).toAbsolutePath().normalize().toString();
            case SERVER, HEALTH -> value.toString().toLowerCase(Locale.ROOT);
            case STATUS_CODES -> ((List<?>) value).isEmpty() ? "[] (the health contract)" : ServiceJson.write(value);
            case SECRET -> "******";
            case NAMES -> ((List<?>) value).isEmpty() ? "[]" : ServiceJson.write(value);
            case ARGV -> ServiceJson.write(value);
            case ENV_MAP -> renderEnv((Map<?, ?>) value);
            default -> value.toString();
        };
    }

    private static Object bytes(Object raw) {
        if (raw instanceof Integer || raw instanceof Long) {
            return ((Number) raw).longValue();
        }
        // compiled when a size is written, not at every start
        Matcher m = raw instanceof String s ? Pattern.compile("(-?\\d+)\\s*(b|kib|kb|k|mib|mb|m|gib|gb|g)?")
                .matcher(s.trim().toLowerCase(Locale.ROOT)) : null;
        if (m == null || !m.matches()) {
            throw bad(raw, "is not a size; use bytes (1048576) or a number with KiB, MiB or GiB (16MiB)");
        }
        long unit = switch (m.group(2) == null ? "b" : m.group(2).substring(0, 1)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw bad(raw, "is too large a size");
        }
    }

    private static Object bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String s = raw instanceof String || raw instanceof Integer ? raw.toString().trim().toLowerCase(Locale.ROOT) : "";
        return switch (s) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw bad(raw, "is not a boolean; use true or false");
        };
    }

    private static Object duration(Object raw) {
        if (raw instanceof Integer || raw instanceof Long) {
            return Duration.ofMillis(((Number) raw).longValue());
        }
        if (!(raw instanceof String) && !(raw instanceof Double)) {
            throw bad(raw, "is not a duration; " + Durations.ALLOWED);
        }
        try {
            return Durations.parse(raw.toString());
        } catch (IllegalArgumentException e) {
            throw new BadValue(e.getMessage());
        }
    }

    private static Object path(Object raw, Path base) {
        String text = scalarText(raw);
        try {
            return base.resolve(text).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadValue("'" + text.replace("\0", "\\0") + "' is not a valid path (" + e.getReason()
                    + "); give a folder or file path");
        }
    }

    private static Object executable(Object raw, Path base) {
        String s = scalarText(raw);
        return s.contains("/") || s.contains("\\") ? base.resolve(s).normalize().toString() : s;
    }

    private static Object server(Object raw) {
        String s = scalarText(raw).trim().toUpperCase(Locale.ROOT);
        try {
            return ServerKind.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw bad(raw, "is not a server; use " + serverNames());
        }
    }

    private static Object health(Object raw) {
        String s = scalarText(raw).trim().toUpperCase(Locale.ROOT);
        try {
            return HealthMode.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw bad(raw, "is not a health mode; use http (the health endpoint must answer), process"
                    + " (alive is healthy, for workers that serve no HTTP) or tcp (the port accepts connections,"
                    + " for a backend without a health URL)");
        }
    }

    private static Object statusCodes(Object raw) {
        Object value = raw instanceof String s && s.trim().startsWith("[")
                ? parseJson(s, List.class, STATUS_CODES) : raw;
        List<?> list = value instanceof List<?> l ? l : value instanceof String s ? commaSeparated(s) : List.of(value);
        List<Integer> codes = new ArrayList<>();
        for (Object code : list) {
            codes.add(toInt(code, "is not a list of HTTP status codes; write e.g. [200, 204]"));
        }
        return List.copyOf(codes);
    }

    private static Object secret(Object raw) {
        if (raw instanceof List || raw instanceof Map) {
            throw new BadValue("is not text; write the token as a single value");
        }
        return raw.toString();
    }

    private static Object names(Object raw) {
        Object value = raw instanceof String s && s.trim().startsWith("[") ? parseJson(s, List.class, NAMES) : raw;
        List<?> list = value instanceof List<?> l ? l : value instanceof String s ? commaSeparated(s) : null;
        List<String> names = new ArrayList<>();
        for (Object name : list == null ? List.of() : list) {
            if (name == null || name instanceof List || name instanceof Map) {
                list = null;
                break;
            }
            names.add(name.toString());
        }
        if (list == null) {
            throw bad(raw, "is not a list of service names; write e.g. [web] or [web, api]");
        }
        return List.copyOf(names);
    }

    private static Object argv(Object raw) {
        Object value = raw instanceof String s && s.trim().startsWith("[") ? parseJson(s, List.class, ARGV) : raw;
        if (!(value instanceof List<?> list)) {
            throw bad(raw, "is not a list; write the command as a list of arguments (it never runs through a"
                    + " shell), e.g. [\"python3\", \"-m\", \"waitress\", \"--port={port}\", \"app:wsgi\"]"
                    + " (in the environment or --set: the same JSON array)");
        }
        List<String> argv = new ArrayList<>();
        for (Object element : list) {
            if (element instanceof List || element instanceof Map || element == null) {
                throw bad(raw, "must contain only text arguments");
            }
            argv.add(element.toString());
        }
        return List.copyOf(argv);
    }

    private static Object envMap(Object raw) {
        Object value = raw instanceof String s && s.trim().startsWith("{") ? parseJson(s, Map.class, ENV_MAP) : raw;
        if (!(value instanceof Map<?, ?> map)) {
            throw bad(raw, "is not a mapping; write NAME: value pairs, e.g. {SIDEEYE_DEBUG: \"1\"}"
                    + " (in the environment or --set: a JSON object such as {\"SIDEEYE_DEBUG\": \"1\"})");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() instanceof List || e.getValue() instanceof Map || e.getValue() == null) {
                throw bad(raw, "must map each name to a text value; '" + e.getKey() + "' does not");
            }
            env.put(e.getKey().toString(), e.getValue().toString());
        }
        return Map.copyOf(env);
    }

    private static String renderEnv(Map<?, ?> env) {
        Map<String, String> masked = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : env.entrySet()) {
            String name = e.getKey().toString();
            String value = e.getValue().toString();
            masked.put(name, Secrets.looksSecret(name, value) ? "******" : value);
        }
        return ServiceJson.write(masked);
    }

    /** {@code 200, 204} as {@code ["200", "204"]}: the parts between commas, trimmed, empty ones left out. */
    private static List<String> commaSeparated(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.trim().isEmpty()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }

    /** The server presets' names, lower case, separated by commas. */
    private static String serverNames() {
        StringBuilder names = new StringBuilder();
        for (ServerKind kind : ServerKind.values()) {
            names.append(names.isEmpty() ? "" : ", ").append(kind.name().toLowerCase(Locale.ROOT));
        }
        return names.toString();
    }

    /** A value of the wrong form; the message starts with the quoted value. */
    static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message);
        }
    }

    static BadValue bad(Object raw, String why) {
        String shown = raw instanceof String ? "'" + raw + "'" : String.valueOf(raw);
        return new BadValue(shown + " " + why);
    }

    static int toInt(Object raw, String why) {
        if (raw instanceof Integer i) {
            return i;
        }
        if (raw instanceof Long || raw instanceof java.math.BigInteger) {
            throw bad(raw, "is too large");
        }
        if (raw instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                if (s.trim().matches("-?\\d+")) {
                    throw bad(raw, "is too large");
                }
            }
        }
        throw bad(raw, why);
    }

    static String scalarText(Object raw) {
        if (raw instanceof List || raw instanceof Map) {
            throw bad(raw, "is not text; write a single value");
        }
        return raw.toString();
    }

    /** {@code text} as a JSON array ({@code List.class}) or object ({@code Map.class}). */
    static Object parseJson(String text, Class<?> type, ValueType target) {
        try {
            return ServiceJson.reader().forType(type).readValue(text);
        } catch (JsonProcessingException e) {
            throw bad(text, "is not " + target.description() + " in JSON form: " + e.getOriginalMessage());
        }
    }
}
