package io.sideeye.cli.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.cli.output.Style;
import io.sideeye.service.ServiceJson;

/** {@code run --print-config}: every key's merged value and where it came from, as a table or JSON. */
public final class ConfigReport {
    private ConfigReport() {
    }

    /** A text table: key, value, source; non-default values highlighted. */
    public static String text(ResolvedConfig resolved, Style style) {
        StringBuilder out = new StringBuilder();
        out.append(style.bold("Configuration")).append(" (file: ")
                .append(resolved.file() == null ? "none, defaults apply" : resolved.file().toString())
                .append(", profile: ").append(resolved.profile() == null ? "none" : resolved.profile()).append(")\n");
        int width = ConfigKey.names().stream().mapToInt(String::length).max().orElse(10) + 2;
        int valueWidth = 28;
        for (ConfigKey key : ConfigKey.values()) {
            String value = key.render(key.valueIn(resolved.config()));
            ConfigSource source = resolved.sourceOf(key);
            String shownValue = value.length() > valueWidth ? value : String.format("%-" + valueWidth + "s", value);
            out.append("  ").append(String.format("%-" + width + "s", key.key()))
                    .append(source.kind() == ConfigSource.Kind.DEFAULT ? shownValue : style.bold(shownValue))
                    .append("  ").append(style.dim(source.toString())).append('\n');
        }
        return out.toString();
    }

    /** {@code {"file":..., "profile":..., "values": {"port": {"value": ..., "source": ..., "env": ...}}}}. */
    public static String json(ResolvedConfig resolved) {
        ObjectNode root = ServiceJson.mapper().createObjectNode();
        root.put("file", resolved.file() == null ? null : resolved.file().toString());
        root.put("profile", resolved.profile());
        ObjectNode values = root.putObject("values");
        for (ConfigKey key : ConfigKey.values()) {
            ObjectNode entry = values.putObject(key.key());
            entry.put("value", key.render(key.valueIn(resolved.config())));
            entry.put("source", resolved.sourceOf(key).toString());
            entry.put("env", key.envName());
        }
        return root.toString();
    }
}
