package io.sideeye.service.probe;

import io.sideeye.service.http.Failures;
import io.sideeye.service.http.HttpFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A socket's input read against one overall deadline: every wait for bytes is limited to the
 * time left, so a server that trickles its answer cannot stretch the exchange past it. Or, for
 * {@link ProbeLoop}, the bytes of an answer received so far ({@link #received}): reading past
 * them throws {@link Incomplete} until the connection has ended.
 */
final class DeadlineInput {
    private final Socket socket;
    private final InputStream in;
    private final long deadlineNanos;
    private final Duration timeout;
    private final boolean ended;
    private byte[] buffer;
    private int pos;
    private int limit;

    /**
     * @param deadlineNanos the {@link System#nanoTime()} by which everything must be read
     * @param timeout       the duration the deadline stands for, for the failure message
     */
    DeadlineInput(Socket socket, long deadlineNanos, Duration timeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.deadlineNanos = deadlineNanos;
        this.timeout = timeout;
        this.ended = false;
        this.buffer = new byte[8192];
    }

    private DeadlineInput(byte[] received, int length, boolean ended) {
        this.socket = null;
        this.in = null;
        this.deadlineNanos = 0;
        this.timeout = null;
        this.ended = ended;
        this.buffer = received;
        this.limit = length;
    }

    /**
     * The first {@code length} bytes of {@code received}; {@code ended} when the connection has
     * ended after them (then reading past them is the end of the stream, otherwise
     * {@link Incomplete}).
     */
    static DeadlineInput received(byte[] received, int length, boolean ended) {
        return new DeadlineInput(received, length, ended);
    }

    /** The next byte, or -1 at the end of the stream. */
    int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buffer[pos++] & 0xff;
    }

    /** Up to {@code length} bytes into {@code target}; -1 at the end of the stream. */
    int read(byte[] target, int offset, int length) throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        int n = Math.min(length, limit - pos);
        System.arraycopy(buffer, pos, target, offset, n);
        pos += n;
        return n;
    }

    /**
     * One line without its line end (CR LF or LF), decoded as ISO-8859-1; null when the stream
     * ends before the line's first byte.
     *
     * @throws HttpFailure IO when the line is longer than {@code maxLength} or the stream ends inside it
     */
    String readLine(int maxLength, String what) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = read();
            if (b == -1) {
                if (line.length() == 0) {
                    return null;
                }
                throw Failures.io("connection closed in the middle of the " + what, null);
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= maxLength) {
                throw Failures.io("malformed answer: the " + what + " is longer than " + maxLength + " bytes", null);
            }
            line.append((char) b);
        }
    }

    private boolean fill() throws IOException {
        if (socket == null) {
            if (ended) {
                return false;
            }
            throw Incomplete.INSTANCE;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw Failures.timeout(timeout, null);
        }
        // 0 would mean "wait forever"; round up so that the last millisecond is not lost.
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left + 999_999))));
        int n;
        try {
            n = in.read(buffer);
        } catch (SocketTimeoutException e) {
            throw Failures.timeout(timeout, e);
        }
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** More bytes are needed than have been received: the answer is not complete yet. */
    static final class Incomplete extends IOException {
        private static final long serialVersionUID = 1L;
        static final Incomplete INSTANCE = new Incomplete();

        private Incomplete() {
            super("the answer is not complete yet");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a signal, thrown on every partial read: no stack trace to fill
        }
    }
}
