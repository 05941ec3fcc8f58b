package io.sideeye.control.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tiny HTTP/1.1 client over a plain socket, with full control of every header (the JDK's
 * HttpClient refuses to set {@code Host}), used to test the server's security rules.
 */
public final class RawHttp {
    private final int port;
    private final String method;
    private final String target;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;
    private boolean chunked;

    private RawHttp(int port, String method, String target) {
        this.port = port;
        this.method = method;
        this.target = target;
        headers.put("Host", "127.0.0.1:" + port);
    }

    /** A request to 127.0.0.1:{@code port} with {@code Host: 127.0.0.1:port}. */
    public static RawHttp request(int port, String method, String target) {
        return new RawHttp(port, method, target);
    }

    /** Sets a header; a null value removes it (e.g. the default Host). */
    public RawHttp header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    /** Bearer authorization. */
    public RawHttp bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    /** A JSON body. */
    public RawHttp json(String json) {
        header("Content-Type", "application/json");
        return body(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A body sent with Content-Length. */
    public RawHttp body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    /** Sends the body with chunked transfer encoding instead of Content-Length. */
    public RawHttp chunked() {
        this.chunked = true;
        return this;
    }

    /** Sends the request with {@code Connection: close} and reads the whole answer. */
    public Response send() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            writeRequest(socket.getOutputStream(), true);
            return Response.read(new java.io.BufferedInputStream(socket.getInputStream(), 65536));
        }
    }

    /** Opens the request and returns the connected socket (for streams); the caller closes it. */
    public Socket open() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        writeRequest(socket.getOutputStream(), false);
        return socket;
    }

    private void writeRequest(OutputStream out, boolean close) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        if (close) {
            sb.append("Connection: close\r\n");
        }
        if (body != null && chunked) {
            sb.append("Transfer-Encoding: chunked\r\n");
        } else if (body != null) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        try {
            if (body != null && chunked) {
                int step = 64 * 1024;
                for (int i = 0; i < body.length; i += step) {
                    int n = Math.min(step, body.length - i);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body, i, n);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } else if (body != null) {
                out.write(body);
            }
            out.flush();
        } catch (IOException e) {
            // the server may answer (413) and close before the whole body is sent
        }
    }

    /**
     * An answer.
     *
     * @param status  the status code
     * @param headers header names in lower case, first value
     * @param body    the body, de-chunked
     */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** A header's first value (case-insensitive name), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        static Response read(InputStream in) throws IOException {
            Map<String, String> headers = new LinkedHashMap<>();
            String statusLine = readLine(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            String line;
            while (!(line = readLine(in)).isEmpty()) {
                int colon = line.indexOf(':');
                headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = new ChunkedReader(in).readAll();
            } else if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else {
                body = in.readAllBytes();
            }
            return new Response(status, headers, body);
        }
    }

    /** Reads one CRLF-terminated line. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c == -1 && b.size() == 0) {
            throw new IOException("connection closed before a complete line");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
