package io.sideeye.service.process;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into text lines. {@code \n}, {@code \r\n} and a lone {@code \r} each end a
 * line (a progress bar that redraws itself with {@code \r} gives one line per redraw instead of
 * one ever-growing line). Bytes are decoded as UTF-8; malformed sequences become U+FFFD. A line
 * longer than {@link #MAX_LINE_BYTES} is emitted in pieces of at most that size, cut on a
 * character boundary, so output without newlines cannot exhaust memory. Not thread-safe: one
 * splitter serves one stream.
 */
public final class LineSplitter {
    /** The longest line, in bytes, that is emitted in one piece. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final int maxLineBytes;
    private final Consumer<String> sink;
    private byte[] line = new byte[256];
    private int length;
    private boolean afterCr;

    /** @param sink receives each line without its terminator */
    public LineSplitter(Consumer<String> sink) {
        this(MAX_LINE_BYTES, sink);
    }

    LineSplitter(int maxLineBytes, Consumer<String> sink) {
        if (maxLineBytes < 4) {
            throw new IllegalArgumentException("maxLineBytes must hold one UTF-8 character (4 bytes), got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.sink = sink;
    }

    /** Consumes {@code count} bytes of {@code bytes} from {@code offset}, emitting every completed line. */
    public void feed(byte[] bytes, int offset, int count) {
        for (int i = offset, end = offset + count; i < end; i++) {
            byte b = bytes[i];
            if (afterCr) {
                afterCr = false;
                if (b == '\n') {
                    continue; // the \r already ended this line
                }
            }
            if (b == '\n' || b == '\r') {
                afterCr = b == '\r';
                emit(length);
            } else {
                append(b);
            }
        }
    }

    /** Emits the unterminated rest, if any (call once at end of stream). */
    public void finish() {
        if (length > 0) {
            emit(length);
        }
    }

    private void append(byte b) {
        if (length == maxLineBytes) {
            emit(cutPoint());
        }
        if (length == line.length) {
            line = Arrays.copyOf(line, Math.min(line.length * 2, maxLineBytes));
        }
        line[length++] = b;
    }

    /** Emits the first {@code cut} bytes as a line and keeps the rest as the start of the next. */
    private void emit(int cut) {
        sink.accept(new String(line, 0, cut, StandardCharsets.UTF_8));
        System.arraycopy(line, cut, line, 0, length - cut);
        length -= cut;
    }

    /**
     * Where to split a full buffer: before a multi-byte character whose bytes are not all in the
     * buffer yet, so that no character is torn in two.
     */
    private int cutPoint() {
        for (int back = 1; back <= 3 && back <= length; back++) {
            int b = line[length - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // continuation byte: keep looking for the lead byte
            }
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? length - back : length;
        }
        return length; // not valid UTF-8 here anyway: cut anywhere
    }
}
