package io.sideeye.service.probe;

import io.sideeye.service.http.Failures;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.Quoting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads one HTTP/1.x answer: status line, headers and a body framed by Content-Length, chunked
 * transfer coding or the end of the connection. Interim 1xx answers are skipped. The body cap is
 * checked against Content-Length before reading and while streaming otherwise.
 */
final class ResponseReader {
    /** Status line plus headers may not exceed this. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_CHUNK_LINE = 1024;
    private static final byte[] EMPTY = new byte[0];

    private final DeadlineInput in;
    private final long maxBodyBytes;
    private int status;
    private String reason;
    private String contentType;
    private long contentLength;
    private boolean chunked;

    private ResponseReader(DeadlineInput in, long maxBodyBytes) {
        this.in = in;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Reads the answer to a request.
     *
     * @param head        true when the request was HEAD (the answer has no body whatever its headers say)
     * @param startNanos  when the request was started, for {@link HttpReply#elapsedNanos()}
     */
    static HttpReply read(DeadlineInput in, boolean head, long maxBodyBytes, long startNanos) throws IOException {
        ResponseReader reader = new ResponseReader(in, maxBodyBytes);
        do {
            reader.readHead();
        } while (reader.status >= 100 && reader.status < 200 && reader.status != 101);
        boolean bodiless = head || reader.status < 200 || reader.status == 204 || reader.status == 304;
        byte[] body = bodiless ? EMPTY : reader.readBody();
        return new HttpReply(reader.status, reader.reason, reader.contentType, body, System.nanoTime() - startNanos);
    }

    private void readHead() throws IOException {
        String statusLine = in.readLine(MAX_HEAD_BYTES, "status line");
        if (statusLine == null) {
            throw Failures.io("connection closed before an answer arrived", null);
        }
        parseStatusLine(statusLine);
        contentType = null;
        contentLength = -1;
        chunked = false;
        int budget = MAX_HEAD_BYTES - statusLine.length();
        while (true) {
            String line = in.readLine(Math.max(1, budget), "headers");
            if (line == null) {
                throw Failures.io("connection closed in the middle of the headers", null);
            }
            if (line.isEmpty()) {
                return;
            }
            budget -= line.length() + 2;
            header(line);
        }
    }

    private void parseStatusLine(String line) throws HttpFailure {
        // HTTP/1.1 200 OK  (the reason phrase may be empty or missing)
        boolean wellFormed = line.startsWith("HTTP/1.") && line.length() >= 12 && line.charAt(8) == ' '
                && (line.length() == 12 || line.charAt(12) == ' ');
        int code = wellFormed ? parseStatus(line) : -1;
        if (code < 100) {
            throw Failures.io("malformed answer: not an HTTP/1.x status line: " + Quoting.quote(line, 60), null);
        }
        status = code;
        reason = line.length() > 13 ? line.substring(13).trim() : "";
    }

    private static int parseStatus(String line) {
        int code = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            code = code * 10 + (c - '0');
        }
        return code;
    }

    private void header(String line) throws HttpFailure {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw Failures.io("malformed answer: bad header line " + Quoting.quote(line, 60), null);
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        switch (name) {
            case "content-type" -> contentType = contentType == null ? value : contentType;
            case "content-length" -> contentLength(value);
            case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
            default -> { }
        }
    }

    private void contentLength(String value) throws HttpFailure {
        long length;
        try {
            length = Long.parseLong(value);
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || (contentLength >= 0 && contentLength != length)) {
            throw Failures.io("malformed answer: bad Content-Length " + Quoting.quote(value, 40), null);
        }
        contentLength = length;
    }

    private byte[] readBody() throws IOException {
        if (chunked) {
            return readChunked();
        }
        if (contentLength >= 0) {
            if (contentLength > maxBodyBytes || contentLength > Integer.MAX_VALUE - 8) {
                throw Failures.tooLarge(maxBodyBytes, contentLength);
            }
            return readExactly((int) contentLength);
        }
        return readToEnd();
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] body = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(body, read, length - read);
            if (n < 0) {
                throw Failures.io("connection closed after " + read + " of " + length + " body bytes", null);
            }
            read += n;
        }
        return body;
    }

    private byte[] readToEnd() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n; (n = in.read(chunk, 0, chunk.length)) >= 0; ) {
            append(body, chunk, n);
        }
        return body.toByteArray();
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (long size; (size = chunkSize()) > 0; ) {
            if (body.size() + size > maxBodyBytes) {
                throw Failures.tooLarge(maxBodyBytes, -1);
            }
            for (long left = size; left > 0; ) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                if (n < 0) {
                    throw Failures.io("connection closed in the middle of a chunk", null);
                }
                append(body, chunk, n);
                left -= n;
            }
            String end = in.readLine(MAX_CHUNK_LINE, "chunk");
            if (end == null || !end.isEmpty()) {
                throw Failures.io("malformed answer: a chunk does not end with CR LF", null);
            }
        }
        String trailer; // trailers carry nothing the reply needs: skip them up to the empty line
        do {
            trailer = in.readLine(MAX_HEAD_BYTES, "trailers");
        } while (trailer != null && !trailer.isEmpty());
        return body.toByteArray();
    }

    private long chunkSize() throws IOException {
        String line = in.readLine(MAX_CHUNK_LINE, "chunk size");
        if (line == null) {
            throw Failures.io("connection closed before the last chunk", null);
        }
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
        try {
            long size = hex.length() > 15 ? -1 : Long.parseLong(hex, 16);
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Failures.io("malformed answer: bad chunk size " + Quoting.quote(line, 40), null);
    }

    private void append(ByteArrayOutputStream body, byte[] chunk, int n) throws HttpFailure {
        if (body.size() + (long) n > maxBodyBytes) {
            throw Failures.tooLarge(maxBodyBytes, -1);
        }
        body.write(chunk, 0, n);
    }
}
