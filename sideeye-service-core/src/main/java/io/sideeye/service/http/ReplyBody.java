package io.sideeye.service.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.sideeye.service.json.DataJson;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Reads an {@link HttpReply}'s body as JSON or text, the one way health checks and API calls share. */
public final class ReplyBody {
    /**
     * Strict: {@code {"a":1} garbage} is malformed, not {@code {"a":1}}. Created on first use, so
     * that health checks (which read through {@code PlainJson}) never load the data binding.
     */
    private static final class Strict {
        static final ObjectReader READER = DataJson.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private ReplyBody() {
    }

    /** True when the Content-Type is {@code application/json} or a {@code +json} type. */
    public static boolean declaresJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = mediaType(contentType);
        return type.equals("application/json") || type.endsWith("+json");
    }

    /** True when the Content-Type is {@code text/html} or {@code application/xhtml+xml}. */
    public static boolean isHtml(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = mediaType(contentType);
        return type.equals("text/html") || type.equals("application/xhtml+xml");
    }

    /**
     * The body as JSON, if it is JSON: declared so by its Content-Type, or sent without a
     * Content-Type and parsing as JSON. Empty for an empty body, a text answer or malformed JSON.
     */
    public static Optional<JsonNode> json(HttpReply reply) {
        if (!readAsJson(reply)) {
            return Optional.empty();
        }
        try {
            JsonNode node = Strict.READER.readTree(reply.body());
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException malformed) {
            return Optional.empty();
        }
    }

    /**
     * Whether the body is to be read as JSON: it is not empty, and its Content-Type declares
     * JSON, or it has none and starts like a JSON object or array.
     */
    public static boolean readAsJson(HttpReply reply) {
        byte[] body = reply.body();
        return body.length > 0 && (declaresJson(reply.contentType())
                || reply.contentType() == null && startsLikeJson(body));
    }

    /** The body decoded with the Content-Type's charset (UTF-8 when none or unknown). */
    public static String text(HttpReply reply) {
        return new String(reply.body(), charset(reply.contentType()));
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String p = parameter.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (IllegalArgumentException unknown) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static boolean startsLikeJson(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{' || b == '[';
            }
        }
        return false;
    }
}
