package io.sideeye.control.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Decodes a chunked body, whole or chunk by chunk. */
final class ChunkedReader {
    private final InputStream in;
    private boolean ended;

    ChunkedReader(InputStream in) {
        this.in = in;
    }

    /** The next chunk, or null at the end of the body. */
    byte[] next() throws IOException {
        if (ended) {
            return null;
        }
        String sizeLine = RawHttp.readLine(in);
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        if (size == 0) {
            ended = true;
            RawHttp.readLine(in);
            return null;
        }
        byte[] chunk = in.readNBytes(size);
        RawHttp.readLine(in);
        return chunk;
    }

    byte[] readAll() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk;
        while ((chunk = next()) != null) {
            out.write(chunk);
        }
        return out.toByteArray();
    }
}
