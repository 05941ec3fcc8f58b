package io.sideeye.service.client;

import static io.sideeye.service.http.Calls.GUARD_SECONDS;
import static io.sideeye.service.http.Calls.get;
import static io.sideeye.service.http.Calls.silentServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.http.Calls;
import io.sideeye.service.http.DaemonPool;
import io.sideeye.service.http.HttpFailure;
import io.sideeye.service.http.HttpReply;
import io.sideeye.service.http.HttpTransport;
import io.sideeye.service.http.LocalServer;
import io.sideeye.service.http.RawServer;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A call runs exactly once, on the thread that waits for it when that thread gets there before
 * the pool, else on the pool; its deadline, cancellation and interrupts work on either. The pool
 * is held by the test ({@link HeldTasks}), so who comes first is decided, not raced.
 */
class WaiterRunsCallsTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY).executor(DaemonPool.create("test-http-client", 4, Duration.ofSeconds(5)))
            .build();
    private static final Deadlines DEADLINES = new Deadlines("test-api-deadlines",
            DaemonPool.create("test-api-timeout", 2, Duration.ofSeconds(5)));

    private final HeldTasks pool = new HeldTasks();
    private final HttpTransport transport = new JdkHttpTransport(CLIENT, pool, DEADLINES);

    @Test
    void aThreadThatWaitsFirstRunsTheCallItselfAndThePoolTaskThenDoesNothing() throws Exception {
        try (LocalServer server = new LocalServer()) {
            CompletableFuture<String> completedOn = transport.send(get(server.uri("/")))
                    .thenApply(reply -> Thread.currentThread().getName());

            assertThat(completedOn.get(GUARD_SECONDS, TimeUnit.SECONDS)).isEqualTo(Thread.currentThread().getName());
            assertThat(server.received()).hasSize(1);

            pool.runNext();

            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void joinAlsoRunsTheCallOnTheWaitingThread() throws Exception {
        try (LocalServer server = new LocalServer()) {
            CompletableFuture<HttpReply> call = transport.send(get(server.uri("/")));

            assertThat(call.join().status()).isEqualTo(200);
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void aCallThePoolTookFirstIsWaitedForNotSentAgain() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer server = new RawServer((socket, in, out) -> {
            RawServer.readHead(in);
            requests.incrementAndGet();
            requested.countDown();
            release.await();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        })) {
            CompletableFuture<String> completedOn = transport.send(get(server.uri("/")))
                    .thenApply(reply -> Thread.currentThread().getName());
            Thread poolThread = new Thread(pool::runNext, "held-pool-thread");
            poolThread.start();
            assertThat(requested.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

            AtomicReference<String> waited = new AtomicReference<>();
            Thread waiter = new Thread(() -> waited.set(completedOn.join()), "waiter");
            waiter.start();
            await().atMost(Duration.ofSeconds(GUARD_SECONDS)).until(() -> waiter.getState() == Thread.State.WAITING);
            release.countDown();
            waiter.join(TimeUnit.SECONDS.toMillis(GUARD_SECONDS));

            assertThat(waited.get()).isEqualTo("held-pool-thread");
            assertThat(requests.get()).isEqualTo(1);
        }
    }

    @Test
    void theDeadlineEndsACallRunOnTheWaitingThreadAndHangsUp() throws Exception {
        CountDownLatch hungUp = new CountDownLatch(1);
        try (RawServer server = silentServer(new CountDownLatch(1), hungUp)) {
            CompletableFuture<HttpReply> call = transport.send(get(server.uri("/"), Duration.ofMillis(300), 4096));

            HttpFailure failure = Calls.failure(call); // waits: the call runs here, the pool task is never run

            assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TIMEOUT);
            assertThat(failure).hasMessage("timed out after 300ms");
            assertThat(hungUp.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void cancellingACallRunOnTheWaitingThreadReleasesItAndHangsUp() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch hungUp = new CountDownLatch(1);
        try (RawServer server = silentServer(requested, hungUp)) {
            CompletableFuture<HttpReply> call = transport.send(get(server.uri("/"), Duration.ofSeconds(60), 4096));
            Waiter waiter = Waiter.start(call::get);
            assertThat(requested.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

            call.cancel(true);

            assertThat(waiter.outcome()).isInstanceOf(CancellationException.class);
            assertThat(waiter.interruptedAfterwards()).isFalse();
            assertThat(hungUp.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(pool.size()).isEqualTo(1); // the pool never ran it
        }
    }

    @Test
    void cancellingTheDependentAWaiterRunsTheCallForReleasesItAndHangsUp() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch hungUp = new CountDownLatch(1);
        try (RawServer server = silentServer(requested, hungUp)) {
            CompletableFuture<HttpReply> call = transport.send(get(server.uri("/"), Duration.ofSeconds(60), 4096));
            CompletableFuture<Integer> status = call.thenApply(HttpReply::status);
            Waiter waiter = Waiter.start(status::join);
            assertThat(requested.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

            status.cancel(true);

            assertThat(waiter.outcome()).isInstanceOf(CancellationException.class);
            assertThat(hungUp.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(Calls.failure(call)).hasMessageContaining("abandoned");
        }
    }

    @Test
    void interruptingTheWaitingThreadEndsTheCallItRunsAndKeepsToGetsContract() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch hungUp = new CountDownLatch(1);
        try (RawServer server = silentServer(requested, hungUp)) {
            CompletableFuture<HttpReply> call = transport.send(get(server.uri("/"), Duration.ofSeconds(60), 4096));
            Waiter waiter = Waiter.start(call::get);
            assertThat(requested.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

            waiter.thread.interrupt();

            assertThat(waiter.outcome()).isInstanceOf(InterruptedException.class);
            assertThat(hungUp.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(Calls.failure(call)).hasMessage("the call was interrupted: the thread waiting for it was interrupted");
        }
    }

    @Test
    void aWaitShorterThanTheDeadlineLeavesTheCallToThePool() throws Exception {
        try (LocalServer server = new LocalServer()) {
            CompletableFuture<HttpReply> call = transport.send(get(server.uri("/"), Duration.ofSeconds(10), 4096));

            assertThatThrownBy(() -> call.get(50, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(server.received()).isEmpty();

            pool.runNext();

            assertThat(call.getNow(null).status()).isEqualTo(200);
            assertThat(call.getNow(null).body()).asString(StandardCharsets.UTF_8).isEqualTo("ok");
        }
    }

    @Test
    void anInterruptedThreadDoesNotRunTheCall() throws Exception {
        try (LocalServer server = new LocalServer()) {
            CompletableFuture<HttpReply> call = transport.send(get(server.uri("/")));

            Thread.currentThread().interrupt();
            assertThatThrownBy(call::get).isInstanceOf(InterruptedException.class);
            assertThat(server.received()).isEmpty();

            pool.runNext();
            assertThat(Calls.reply(call).status()).isEqualTo(200);
        }
    }

    /** A thread blocked in a wait for a call, and how that wait ended. */
    private static final class Waiter {
        private final Thread thread;
        private final AtomicReference<Object> outcome = new AtomicReference<>();
        private volatile boolean interruptedAfterwards;

        private Waiter(Thread thread) {
            this.thread = thread;
        }

        @FunctionalInterface
        interface Wait {
            Object run() throws Exception;
        }

        static Waiter start(Wait wait) {
            Waiter[] self = new Waiter[1];
            Thread t = new Thread(() -> {
                Object result;
                try {
                    result = wait.run();
                } catch (Exception e) {
                    result = e;
                }
                self[0].interruptedAfterwards = Thread.currentThread().isInterrupted();
                self[0].outcome.set(result);
            }, "waiter");
            self[0] = new Waiter(t);
            t.start();
            return self[0];
        }

        /** What the wait returned or threw, once it ended. */
        Object outcome() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(GUARD_SECONDS));
            assertThat(thread.isAlive()).as("the waiting thread is released").isFalse();
            return outcome.get();
        }

        boolean interruptedAfterwards() {
            return interruptedAfterwards;
        }
    }
}
