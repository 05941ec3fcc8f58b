package io.sideeye.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code sideeye.yaml} / {@code .yml} / {@code .json} into a {@link ConfigDocument},
 * keeping the line of every key. Malformed files, duplicate keys and a wrong overall shape are
 * {@link ConfigException}s naming the file and line.
 */
public final class ConfigFileReader {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();

    private ConfigFileReader() {
    }

    /**
     * Reads and parses {@code file}.
     *
     * @param shown      the file's name as shown in messages
     * @param workingDir the working directory, named when the file is not found
     */
    public static ConfigDocument read(Path file, String shown, Path workingDir) {
        String text = readText(file, shown, workingDir);
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        try (Reader reader = new java.io.StringReader(text);
             JsonParser parser = (json ? JSON : YAML).createParser(reader)) {
            return new Parse(parser, file, shown).document();
        } catch (JsonProcessingException e) {
            throw new ConfigException(shown + where(e) + ": malformed " + (json ? "JSON" : "YAML") + ": "
                    + problem(e.getOriginalMessage()) + (json ? "; fix the JSON syntax"
                    : "; fix the syntax (YAML: 'key: value', one per line; indent with spaces, not tabs)"), e);
        } catch (IOException e) {
            throw new ConfigException(shown + ": cannot read configuration: " + e.getMessage(), e);
        }
    }

    private static String readText(Path file, String shown, Path workingDir) {
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(shown + ": is a directory, not a configuration file;"
                        + " point -c or SIDEEYE_CONFIG at a sideeye.yaml file");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(shown + ": configuration file not found; check the path given with -c or"
                    + " SIDEEYE_CONFIG (the working directory is " + workingDir + ")", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(shown + ": cannot read configuration file: permission denied;"
                    + " make it readable by this user (chmod u+r)", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(shown + ": is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(shown + ": cannot read configuration file: " + e, e);
        }
    }

    /** {@code :line:column} of a parse error: the YAML parser's first mark (where the construct began), else Jackson's. */
    private static String where(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher mark = Pattern.compile("line (\\d+), column (\\d+)").matcher(message); // only for a malformed file
        if (mark.find()) {
            return ":" + mark.group(1) + ":" + mark.group(2);
        }
        JsonLocation at = e.getLocation();
        return at != null && at.getLineNr() > 0 ? ":" + at.getLineNr() + ":" + at.getColumnNr() : "";
    }

    /** The parser's description of the problem without its source excerpts: "while scanning ...: found ...". */
    private static String problem(String message) {
        if (message == null) {
            return "syntax error";
        }
        String text = message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::trim).collect(Collectors.joining(": "));
        return text.isEmpty() ? "syntax error" : text;
    }

    /** One parse of one file. */
    private static final class Parse {
        private final JsonParser parser;
        private final Path file;
        private final String shown;

        Parse(JsonParser parser, Path file, String shown) {
            this.parser = parser;
            this.file = file;
            this.shown = shown;
        }

        ConfigDocument document() throws IOException {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new ConfigDocument(file, shown, ConfigLayer.EMPTY, Map.of()); // an empty file: defaults only
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(at() + ": the configuration must be a mapping of keys to values"
                        + " (e.g. 'port: 8000'), not " + describe(first));
            }
            Map<String, RawValue> values = new LinkedHashMap<>();
            Map<String, ConfigLayer.ServiceBlock> services = new LinkedHashMap<>();
            Map<String, ConfigLayer> profiles = new LinkedHashMap<>();
            boolean sawServices = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int line = line();
                parser.nextToken();
                if (key.equals("profiles")) {
                    readProfiles(profiles, line);
                } else if (key.equals("services")) {
                    if (sawServices) {
                        throw new ConfigException(shown + ":" + line + ": services: duplicate key; keep one of them");
                    }
                    sawServices = true;
                    readServices(services, "services", line, l -> ConfigSource.file(shown, l));
                } else {
                    putOnce(values, key, new RawValue(readValue(), ConfigSource.file(shown, line)));
                }
            }
            if (parser.nextToken() != null) {
                throw new ConfigException(at() + ": unexpected content after the configuration; keep one document per file");
            }
            return new ConfigDocument(file, shown, new ConfigLayer(values, services), profiles);
        }

        private void readProfiles(Map<String, ConfigLayer> profiles, int line) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new ConfigException(shown + ":" + line + ": profiles: must map profile names to settings,"
                        + " e.g. 'profiles: {dev: {port: 8001}}'");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String profile = parser.currentName();
                int profileLine = line();
                if (profiles.containsKey(profile)) {
                    throw new ConfigException(shown + ":" + profileLine + ": profiles: profile '" + profile
                            + "' is defined twice; keep one");
                }
                Map<String, RawValue> values = new LinkedHashMap<>();
                Map<String, ConfigLayer.ServiceBlock> services = new LinkedHashMap<>();
                JsonToken t = parser.nextToken();
                if (t == JsonToken.START_OBJECT) {
                    IntFunction<ConfigSource> source = l -> ConfigSource.profile(profile, shown, l);
                    readSettings(values, source, keyLine -> readServices(services, "profiles." + profile + ".services",
                            keyLine, source));
                } else if (t != JsonToken.VALUE_NULL) {
                    throw new ConfigException(shown + ":" + profileLine + ": profiles." + profile
                            + ": must be a mapping of settings, e.g. '" + profile + ": {port: 8001}'");
                }
                profiles.put(profile, new ConfigLayer(values, services));
            }
        }

        /** {@code services: {name: {key: value, ...}, ...}}; {@code path} names the mapping in messages. */
        private void readServices(Map<String, ConfigLayer.ServiceBlock> services, String path, int line,
                                  IntFunction<ConfigSource> source) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new ConfigException(shown + ":" + line + ": " + path + ": must map service names to their"
                        + " settings, e.g. 'services: {web: {port: 8000}, worker: {health: process}}'");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int nameLine = line();
                if (services.containsKey(name)) {
                    throw new ConfigException(shown + ":" + nameLine + ": " + path + ": service '" + name
                            + "' is defined twice (first at line " + services.get(name).line() + "); keep one");
                }
                Map<String, RawValue> values = new LinkedHashMap<>();
                JsonToken t = parser.nextToken();
                if (t == JsonToken.START_OBJECT) {
                    readSettings(values, source, null);
                } else if (t != JsonToken.VALUE_NULL) {
                    throw new ConfigException(shown + ":" + nameLine + ": " + path + "." + name
                            + ": must be a mapping of settings, e.g. '" + name + ": {port: auto}' ('" + name
                            + ": {}' for all defaults)");
                }
                services.put(name, new ConfigLayer.ServiceBlock(name, nameLine, values));
            }
        }

        /**
         * The {@code key: value} settings of the mapping just opened, each from {@code source} at its
         * line; a {@code services:} key goes to {@code services} where that is not null.
         */
        private void readSettings(Map<String, RawValue> values, IntFunction<ConfigSource> source, NestedServices services)
                throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = line();
                parser.nextToken();
                if (services != null && key.equals("services")) {
                    services.read(keyLine);
                } else {
                    putOnce(values, key, new RawValue(readValue(), source.apply(keyLine)));
                }
            }
        }

        /** Reads a {@code services:} mapping nested in the settings being read, written at {@code line}. */
        @FunctionalInterface
        private interface NestedServices {
            void read(int line) throws IOException;
        }

        private void putOnce(Map<String, RawValue> values, String key, RawValue value) {
            RawValue earlier = values.putIfAbsent(key, value);
            if (earlier != null) {
                throw new ConfigException(value.source().where().replaceFirst("^profile [^,]+, ", "") + ": " + key
                        + ": duplicate key (first set at " + earlier.source().where() + "); keep one of them");
            }
        }

        private Object readValue() throws IOException {
            JsonToken t = parser.currentToken();
            switch (t) {
                case START_OBJECT: {
                    Map<String, Object> map = new LinkedHashMap<>();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        parser.nextToken();
                        map.put(key, readValue());
                    }
                    return map;
                }
                case START_ARRAY: {
                    List<Object> list = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        list.add(readValue());
                    }
                    return list;
                }
                case VALUE_STRING:
                    return parser.getText();
                case VALUE_NUMBER_INT:
                    return switch (parser.getNumberType()) {
                        case INT -> parser.getIntValue();
                        case LONG -> parser.getLongValue();
                        default -> parser.getBigIntegerValue();
                    };
                case VALUE_NUMBER_FLOAT:
                    return parser.getDoubleValue();
                case VALUE_TRUE:
                    return Boolean.TRUE;
                case VALUE_FALSE:
                    return Boolean.FALSE;
                case VALUE_NULL:
                    return null;
                default:
                    throw new ConfigException(at() + ": unsupported value " + describe(t));
            }
        }

        private int line() {
            return parser.currentTokenLocation().getLineNr();
        }

        private String at() {
            int line = line();
            return line > 0 ? shown + ":" + line : shown;
        }

        private static String describe(JsonToken t) {
            return switch (t) {
                case START_ARRAY -> "a list";
                case VALUE_STRING -> "a single text value";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                default -> t.asString() == null ? t.name() : t.asString();
            };
        }
    }
}
