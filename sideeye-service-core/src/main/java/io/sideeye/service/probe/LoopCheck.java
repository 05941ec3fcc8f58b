package io.sideeye.service.probe;

import io.sideeye.service.http.HttpCall;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One check of a {@link ProbeLoop}: its window, then its exchange. Confined to the loop's thread
 * (or its driving scheduler's), except {@link #cancelled}.
 */
final class LoopCheck {
    final long earliest;
    final long due;
    final HttpCall call;
    final ProbeLoop.Answer answer;
    volatile boolean cancelled;
    boolean started;
    long start;
    long deadline;
    ByteBuffer request;
    SocketChannel channel;
    SelectionKey key;
    byte[] received = new byte[0];
    int size;

    LoopCheck(long earliest, long due, HttpCall call, ProbeLoop.Answer answer) {
        this.earliest = earliest;
        this.due = due;
        this.call = call;
        this.answer = answer;
    }

    void append(byte[] bytes, int n) {
        if (size + n > received.length) {
            received = Arrays.copyOf(received, Math.max(size + n, Math.max(512, received.length * 2)));
        }
        System.arraycopy(bytes, 0, received, size, n);
        size += n;
    }
}
