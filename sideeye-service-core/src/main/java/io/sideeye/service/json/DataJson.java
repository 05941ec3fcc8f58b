package io.sideeye.service.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one configured Jackson data binding of the core (instants as ISO-8601 strings). The
 * mapper itself never leaves this class: callers get its immutable {@link ObjectReader} and
 * {@link ObjectWriter}, which are safe to share and cannot change the configuration for others.
 * Loaded on first use, so that a manager that only supervises and probes health (through
 * {@link PlainJson}) never loads the data binding.
 */
public final class DataJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private static final ObjectReader READER = MAPPER.reader();
    private static final ObjectWriter WRITER = MAPPER.writer();

    private DataJson() {
    }

    /** The configured reader (immutable; {@code with(...)} returns a changed copy). */
    public static ObjectReader reader() {
        return READER;
    }

    /** The configured writer (immutable; {@code with(...)} returns a changed copy). */
    public static ObjectWriter writer() {
        return WRITER;
    }

    /**
     * {@code value} as a JSON tree, converted with the configured serialisers.
     *
     * @throws IllegalArgumentException when {@code value} cannot be serialised
     */
    public static <T extends com.fasterxml.jackson.databind.JsonNode> T tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
