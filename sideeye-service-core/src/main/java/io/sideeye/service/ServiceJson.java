package io.sideeye.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.Map;

/**
 * The one JSON form of statuses, events and API responses, shared by every front end (control
 * server, CLI, desktop) so they never disagree. Instants are ISO-8601 strings.
 */
public final class ServiceJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private ServiceJson() {
    }

    /** A shared, configured mapper. Treat it as read-only. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The event as a JSON object: {@code {"name": ..., "timestamp": ..., <fields>}}. */
    public static ObjectNode toJson(ServiceEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", event.name());
        node.setAll((ObjectNode) MAPPER.valueToTree(event));
        return node;
    }

    /** The status in its JSON form with the seed's keys. */
    public static ObjectNode toJson(ServiceStatus status) {
        return MAPPER.valueToTree(status);
    }

    /**
     * The statuses of a group ({@link ServiceGroup#status()}) as
     * {@code {"web":[{...status...}], "worker":[{...}, {...}]}}, in the map's order.
     */
    public static ObjectNode groupToJson(Map<String, List<ServiceStatus>> statuses) {
        ObjectNode node = MAPPER.createObjectNode();
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
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot render as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
