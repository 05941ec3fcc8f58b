package io.sideeye.service.probe;

import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.Quoting;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The bytes of an HTTP/1.1 request for a {@link HttpCall}, sent with {@code Connection: close}. */
final class ProbeRequest {
    /** Framing headers the probe writes itself; the call's own values for them are ignored. */
    private static final Set<String> OWN_HEADERS = Set.of("host", "connection", "content-length",
            "transfer-encoding");

    private ProbeRequest() {
    }

    /**
     * Request line, headers and body as one array (written with a single call).
     *
     * @throws IllegalArgumentException for a URI that is not {@code http://host[:port]/...}, or a
     *                                  header that is not a valid token or holds a line break
     */
    static byte[] encode(HttpCall call) {
        URI uri = call.uri();
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the HTTP probe needs an http://host:port/ URI, got "
                    + Quoting.quote(uri.toString(), 120));
        }
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder(256)
                .append(call.method()).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost());
        if (uri.getPort() != -1) {
            head.append(':').append(uri.getPort());
        }
        head.append("\r\nConnection: close\r\n");
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            String name = header.getKey();
            if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                checkHeader(name, header.getValue());
                head.append(name).append(": ").append(header.getValue()).append("\r\n");
            }
        }
        byte[] body = call.body();
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null || body.length == 0) {
            return headBytes;
        }
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Rejects what would break the request's framing. The value is never echoed: it may be a secret. */
    private static void checkHeader(String name, String value) {
        // plain loops, not streams: this runs on every probe, mostly in the interpreter
        boolean validName = !name.isEmpty();
        for (int i = 0; i < name.length() && validName; i++) {
            validName = isTokenChar(name.charAt(i));
        }
        if (!validName) {
            throw new IllegalArgumentException("header name " + Quoting.quote(name, 60) + " is not a valid HTTP token");
        }
        boolean validValue = value != null;
        for (int i = 0; validValue && i < value.length(); i++) {
            char c = value.charAt(i);
            validValue = c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff);
        }
        if (!validValue) {
            throw new IllegalArgumentException("the value of header " + name
                    + " is missing or holds a line break or a character outside ISO-8859-1");
        }
    }

    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
