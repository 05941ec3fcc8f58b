package io.sideeye.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sideeye.service.json.DataJson;
import java.util.List;
import java.util.Map;

/**
 * The one JSON form of statuses, events and API responses, shared by every front end (control
 * server, CLI, desktop) so they never disagree. Instants are ISO-8601 strings.
 *
 * <p>The configured mapper is not handed out: {@link #reader()} and {@link #writer()} are
 * immutable views of it (their {@code with(...)} returns a changed copy), so no caller can
 * change the form for the others.
 */
public final class ServiceJson {
    private ServiceJson() {
    }

    /** The configured reader, e.g. {@code ServiceJson.reader().readTree(text)}; immutable and shareable. */
    public static ObjectReader reader() {
        return DataJson.reader();
    }

    /** The configured writer, e.g. {@code ServiceJson.writer().writeValueAsString(value)}; immutable and shareable. */
    public static ObjectWriter writer() {
        return DataJson.writer();
    }

    /** A new empty JSON object. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new empty JSON array. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /**
     * Any value (records of this package, maps, lists) as a JSON tree of the type the caller
     * expects, e.g. {@code ObjectNode n = ServiceJson.tree(status)}.
     *
     * @throws IllegalArgumentException when {@code value} cannot be rendered as JSON
     */
    public static <T extends JsonNode> T tree(Object value) {
        return DataJson.tree(value);
    }

    /** The event as a JSON object: {@code {"name": ..., "timestamp": ..., <fields>}}. */
    public static ObjectNode toJson(ServiceEvent event) {
        ObjectNode node = object();
        node.put("name", event.name());
        node.setAll((ObjectNode) tree(event));
        return node;
    }

    /** The status in its JSON form with the seed's keys. */
    public static ObjectNode toJson(ServiceStatus status) {
        return tree(status);
    }

    /**
     * The statuses of a group ({@link ServiceGroup#status()}) as
     * {@code {"web":[{...status...}], "worker":[{...}, {...}]}}, in the map's order.
     */
    public static ObjectNode groupToJson(Map<String, List<ServiceStatus>> statuses) {
        ObjectNode node = object();
        statuses.forEach((service, list) -> {
            ArrayNode array = node.putArray(service);
            list.forEach(status -> array.add(toJson(status)));
        });
        return node;
    }

    /** The same as {@link #groupToJson(Map)}. */
    public static ObjectNode toJson(Map<String, List<ServiceStatus>> statuses) {
        return groupToJson(statuses);
    }

    /** Any value (records of this package, maps, lists) as a JSON string. */
    public static String write(Object value) {
        try {
            return DataJson.writer().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot render as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
