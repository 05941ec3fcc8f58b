package io.sideeye.service.probe;

import io.sideeye.service.http.Failures;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * One plain HTTP/1.1 request and its answer over a fresh blocking socket with
 * {@code Connection: close}, on the calling thread: connect, write, read, all within the call's
 * timeout. The exchange of {@link SocketHttpProbe} (which runs it on its pool), also usable
 * alone by a short-lived program that makes one request and needs neither a thread pool nor
 * {@code HttpURLConnection}'s machinery.
 */
public final class SocketExchange {
    private SocketExchange() {
    }

    /**
     * Sends {@code call} and reads its answer (any status) on this thread.
     *
     * @throws HttpFailure              REFUSED, TIMEOUT (after {@link HttpCall#timeout()}), TOO_LARGE or IO
     * @throws IllegalArgumentException for a call that cannot be encoded (not {@code http}, a header with a line break)
     */
    public static HttpReply send(HttpCall call) throws HttpFailure {
        long deadline = System.nanoTime() + call.timeout().toNanos();
        byte[] request = ProbeRequest.encode(call);
        try (Socket s = new Socket(Proxy.NO_PROXY)) {
            return exchange(s, call, request, deadline);
        } catch (IOException | RuntimeException e) {
            Throwable failure = Failures.ofSocket(e, call.timeout());
            if (failure instanceof HttpFailure f) {
                throw f;
            }
            throw (RuntimeException) failure;
        }
    }

    /**
     * Connects {@code s} to the call's host, writes {@code request} and reads the answer, all by
     * {@code deadlineNanos} (a {@link System#nanoTime()}).
     */
    static HttpReply exchange(Socket s, HttpCall call, byte[] request, long deadlineNanos) throws IOException {
        long start = System.nanoTime();
        connect(s, call, deadlineNanos);
        s.getOutputStream().write(request);
        boolean head = call.method().equalsIgnoreCase("HEAD");
        DeadlineInput in = new DeadlineInput(s, deadlineNanos, call.timeout());
        return ResponseReader.read(in, head, call.maxResponseBytes(), start);
    }

    private static void connect(Socket s, HttpCall call, long deadlineNanos) throws IOException {
        String host = call.uri().getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetSocketAddress address = new InetSocketAddress(host, call.uri().getPort() == -1 ? 80 : call.uri().getPort());
        if (address.isUnresolved()) {
            throw new UnknownHostException(host);
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw Failures.timeout(call.timeout(), null);
        }
        s.setTcpNoDelay(true);
        s.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left + 999_999))));
    }
}
