package io.sideeye.cli.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.config.ConfigKey;
import io.sideeye.config.ConfigSource;
import io.sideeye.config.GroupKey;
import io.sideeye.config.ResolvedGroup;
import io.sideeye.service.ServiceJson;
import io.sideeye.service.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code run --print-config}: every key's merged value and where it came from, as a table or
 * JSON; with {@code services:}, one table per service. Tokens are shown as {@code ******}.
 */
public final class ConfigReport {
    private static final int VALUE_WIDTH = 28;

    private ConfigReport() {
    }

    /** A text table per service: key, value, source; non-default values highlighted. */
    public static String text(ResolvedGroup group, Style style) {
        StringBuilder out = new StringBuilder();
        out.append(style.bold("Configuration")).append(" (file: ")
                .append(group.file() == null ? "none, defaults apply" : group.file().toString())
                .append(", profile: ").append(group.profile() == null ? "none" : group.profile());
        if (group.declared()) {
            out.append("; services: ").append(String.join(", ", group.names())).append(", default ")
                    .append(group.defaultService());
        }
        out.append(")\n");
        int width = keys(true).stream().mapToInt(String::length).max().orElse(10) + 2;
        for (ServiceSpec spec : group.services()) {
            if (group.declared()) {
                out.append(style.bold("service " + spec.name())).append(spec.name().equals(group.defaultService())
                        ? style.dim(" (default)") : "").append('\n');
            }
            for (Row row : rows(group, spec)) {
                String shownValue = row.value().length() > VALUE_WIDTH ? row.value()
                        : String.format("%-" + VALUE_WIDTH + "s", row.value());
                out.append("  ").append(String.format("%-" + width + "s", row.key()))
                        .append(row.source().kind() == ConfigSource.Kind.DEFAULT ? shownValue : style.bold(shownValue))
                        .append("  ").append(style.dim(row.source().toString())).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * {@code {"file":..., "profile":..., "defaultService":"web", "values": {...the default service...},
     * "services": {"web": {"port": {"value": ..., "source": ..., "env": ...}, ...}, ...}}}.
     */
    public static String json(ResolvedGroup group) {
        ObjectNode root = ServiceJson.object();
        root.put("file", group.file() == null ? null : group.file().toString());
        root.put("profile", group.profile());
        root.put("defaultService", group.defaultService());
        ObjectNode services = ServiceJson.object();
        for (ServiceSpec spec : group.services()) {
            ObjectNode values = services.putObject(spec.name());
            for (Row row : rows(group, spec)) {
                ObjectNode entry = values.putObject(row.key());
                entry.put("value", row.value());
                entry.put("source", row.source().toString());
                entry.put("env", row.env());
            }
        }
        root.set("values", services.get(group.defaultService()));
        root.set("services", services);
        return root.toString();
    }

    private static List<String> keys(boolean declared) {
        List<String> keys = new ArrayList<>(ConfigKey.names());
        GroupKey.names().stream().filter(k -> declared || GroupKey.byKey(k).orElseThrow().inheritable()).forEach(keys::add);
        return keys;
    }

    private static List<Row> rows(ResolvedGroup group, ServiceSpec spec) {
        List<Row> rows = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            rows.add(new Row(key.key(), key.render(key.valueIn(spec.config())), group.sourceOf(spec.name(), key.key()),
                    key.readsEnvironment() ? key.envName() : null));
        }
        for (GroupKey key : GroupKey.values()) {
            if (group.declared() || key.inheritable()) {
                rows.add(new Row(key.key(), key.render(key.valueIn(spec)), group.sourceOf(spec.name(), key.key()), null));
            }
        }
        return rows;
    }

    private record Row(String key, String value, ConfigSource source, String env) {
    }
}
