package io.sideeye.service.client;

import io.sideeye.service.async.Causes;
import io.sideeye.service.http.DaemonPool;
import io.sideeye.service.http.Failures;
import io.sideeye.service.http.HttpCall;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One API call through the shared {@link HttpClient}, with the client's blocking
 * {@link HttpClient#send send}, run exactly once by whichever thread claims it first: a thread
 * that waits for the call's future ({@link #claim()}, see {@link WaiterRunsFuture}), or a pool
 * thread ({@link #run()}, whose outcome completes the future in {@link #publish()}).
 *
 * <p>Why not {@link HttpClient#sendAsync sendAsync}: its future is completed through
 * CompletableFuture's default executor, which is a new thread for every call on a machine with
 * two cores or fewer and one more thread hand-off on others; {@code send} does without it (it is
 * {@code sendAsync} without that stage, then a wait on the calling thread, woken by the client's
 * thread that completes the answer).
 *
 * <p>{@link #abort} ends the call from another thread (the overall deadline, cancellation): it
 * interrupts the blocked {@code send}, on which the client cancels the exchange and closes its
 * connection, and stops reading the body. An interrupt that did not come from {@link #abort}
 * (the waiting caller's thread was interrupted) also ends the call: the client has cancelled it
 * by then; the future fails and the thread keeps its interrupt status.
 */
final class JdkExchange implements DaemonPool.Publishing, WaiterRunsFuture.Work {
    /** How long after a call was made a pool thread lets its caller take it (see {@link #giveWayToTheCaller()}). */
    static final long GIVE_WAY_NANOS = 40_000;
    private final HttpClient client;
    private final HttpRequest request;
    private final HttpCall call;
    private final CompletableFuture<HttpReply> result;
    private final long startNanos;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final Thread caller = Thread.currentThread();
    private final CallerHabit habit = CallerHabit.of(caller);
    private final Object runnerLock = new Object();
    private Thread runner; // guarded by runnerLock: the thread inside send(), to interrupt
    private boolean interruptedByAbort; // guarded by runnerLock
    private volatile CappedBodySubscriber body;
    private Outcome poolOutcome; // written by run() and read by publish(), both on the pool thread

    JdkExchange(HttpClient client, HttpRequest request, HttpCall call, long startNanos) {
        this.client = client;
        this.request = request;
        this.call = call;
        this.startNanos = startNanos;
        this.result = new WaiterRunsFuture<>(this);
    }

    /** The call's future: its waiters may run the call ({@link WaiterRunsFuture}). */
    CompletableFuture<HttpReply> result() {
        return result;
    }

    /** The pool's turn: runs the call unless a waiting thread claimed it first. */
    @Override
    public void run() {
        if (habit.takesItsCalls) {
            giveWayToTheCaller();
        }
        if (claimed.compareAndSet(false, true)) {
            habit.takesItsCalls = false;
            poolOutcome = exchange();
        }
    }

    /**
     * A pool thread can take a call a few microseconds after it was handed over, before a caller
     * that waits for it at once reached its {@code get()}: that caller then waits for the pool,
     * two thread hand-offs. So while the calling thread still runs, a pool thread lets it take the
     * call for up to {@value #GIVE_WAY_NANOS} ns after the call was made, if that thread took its
     * previous call itself ({@link CallerHabit}): a thread that leaves its calls to the pool does
     * not wait for it. The pool thread's own wake-up takes a good part of that time.
     */
    private void giveWayToTheCaller() {
        long until = startNanos + GIVE_WAY_NANOS;
        while (!claimed.get() && until - System.nanoTime() > 0 && caller.getState() == Thread.State.RUNNABLE) {
            Thread.yield();
        }
    }

    @Override
    public void publish() {
        Outcome outcome = poolOutcome;
        poolOutcome = null;
        if (outcome != null) {
            outcome.completeInto(result);
        }
    }

    @Override
    public boolean claim() {
        if (!claimed.compareAndSet(false, true)) {
            return false;
        }
        habit.takesItsCalls = true;
        return true;
    }

    @Override
    public void runClaimed() {
        Outcome outcome = exchange();
        if (outcome != null) {
            outcome.completeInto(result);
        }
    }

    @Override
    public long deadlineNanos() {
        return startNanos + call.timeout().toNanos();
    }

    @Override
    public void abandon() {
        result.completeExceptionally(Failures.io("the call was abandoned: the future its caller waited for"
                + " was completed or cancelled first", null));
    }

    /** Ends a call still in flight because of {@code cause}; harmless once it is over. */
    void abort(Throwable cause) {
        synchronized (runnerLock) {
            if (runner != null) {
                interruptedByAbort = true;
                runner.interrupt();
            }
        }
        CappedBodySubscriber b = body;
        if (b != null) {
            HttpFailure failure = Failures.find(cause);
            b.abort(failure != null ? failure : Failures.io("the call was cancelled", cause));
        }
    }

    /** Sends the request on this thread; null when the future was completed (timed out, cancelled) first. */
    private Outcome exchange() {
        synchronized (runnerLock) {
            if (result.isDone()) {
                return null; // timed out or cancelled while queued
            }
            runner = Thread.currentThread();
        }
        boolean interrupted = false;
        Outcome outcome = null;
        try {
            HttpResponse<byte[]> response = client.send(request,
                    CappedBodySubscriber.handler(call.maxResponseBytes(), created -> body = created));
            outcome = new Outcome(new HttpReply(response.statusCode(), "",
                    response.headers().firstValue("content-type").orElse(null), response.body(),
                    System.nanoTime() - startNanos), null);
        } catch (InterruptedException e) {
            interrupted = true;
            outcome = new Outcome(null, Failures.io("the call was interrupted: the thread waiting for it was"
                    + " interrupted", e));
        } catch (IOException | RuntimeException e) {
            outcome = new Outcome(null, translate(e));
        } finally {
            boolean byAbort;
            synchronized (runnerLock) {
                runner = null;
                byAbort = interruptedByAbort;
                if (byAbort) {
                    // ours, also when it came after send() returned: it must not reach the caller or the next task
                    Thread.interrupted();
                }
            }
            if (interrupted && !byAbort) {
                Thread.currentThread().interrupt(); // not ours: the caller's thread keeps its status
            }
        }
        return outcome; // after an abort() the future is complete already and this changes nothing
    }

    private Throwable translate(Exception error) {
        HttpFailure ours = Failures.find(error);
        if (ours != null) {
            return ours;
        }
        Throwable cause = Causes.unwrap(error);
        if (cause instanceof HttpConnectTimeoutException) {
            // the client's connect timeout ends a connect first only when the call's is longer
            return call.timeout().compareTo(JdkHttpTransport.CONNECT_TIMEOUT) > 0
                    ? Failures.connectTimeout(JdkHttpTransport.CONNECT_TIMEOUT, cause)
                    : Failures.timeout(call.timeout(), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return Failures.timeout(call.timeout(), cause);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return Failures.refused(cause);
            }
        }
        if (cause instanceof IllegalArgumentException) {
            return cause;
        }
        String message = String.valueOf(cause.getMessage());
        if (message.contains("received no bytes") || message.contains("EOF reached")
                || message.startsWith("fixed content-length") || message.startsWith("chunked transfer encoding")) {
            // the client's words for a connection the server closed before (the rest of) its answer:
            // before the head, or in the middle of a body of a declared length or of chunks
            return Failures.io("connection closed before the answer was complete", cause);
        }
        return Failures.io(cause);
    }

    /** How the exchange ended: a reply, or an error. */
    private record Outcome(HttpReply reply, Throwable error) {
        void completeInto(CompletableFuture<HttpReply> future) {
            if (reply != null) {
                future.complete(reply);
            } else {
                future.completeExceptionally(error);
            }
        }
    }
}
