package io.sideeye.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, so a test can send what no well-behaved client would (forged
 * Host, malformed framing) and read the status line of the answer.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** Sends {@code request} (complete, CRLF-framed) and returns the whole answer up to {@code limit} bytes. */
    static String exchange(int port, String request, int limit, int timeoutMs) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(timeoutMs);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return read(s.getInputStream(), limit);
        } catch (IOException e) {
            throw new UncheckedIOException("request to port " + port + " failed", e);
        }
    }

    /** The status code of an answer's first line. */
    static int status(String answer) {
        if (!answer.startsWith("HTTP/1.1 ")) {
            throw new AssertionError("not an HTTP answer: " + answer);
        }
        return Integer.parseInt(answer.substring(9, 12));
    }

    /** A request with the given method, path, headers (each "Name: value") and optional body. */
    static String request(String method, String path, String body, String... headers) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        if (body != null) {
            sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        sb.append("Connection: close\r\n\r\n");
        if (body != null) {
            sb.append(body);
        }
        return sb.toString();
    }

    private static String read(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while (out.size() < limit && !complete(out.toString(StandardCharsets.ISO_8859_1)) && (n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** True once the head and the whole Content-Length body have arrived (the server may keep the socket open). */
    private static boolean complete(String answer) {
        int headEnd = answer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
                .matcher(answer.substring(0, headEnd));
        return m.find() && answer.length() - headEnd - 4 >= Integer.parseInt(m.group(1));
    }
}
