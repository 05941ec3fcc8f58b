package io.sideeye.service;

import io.sideeye.service.client.JdkHttpTransport;
import io.sideeye.service.event.EventBus;
import io.sideeye.service.http.HttpTransport;
import io.sideeye.service.net.PortProbe;
import io.sideeye.service.net.SocketPortProbe;
import io.sideeye.service.probe.ProbeLoop;
import io.sideeye.service.probe.SocketHttpProbe;
import io.sideeye.service.process.CommandResolver;
import io.sideeye.service.process.DjangoCommandResolver;
import io.sideeye.service.process.ProcessLauncher;
import io.sideeye.service.process.RuntimeRecords;
import io.sideeye.service.process.SystemProcessLauncher;
import io.sideeye.service.time.Scheduler;
import io.sideeye.service.time.SystemScheduler;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The collaborators a {@link Supervisor} works through: real ones in production, fakes in unit
 * tests, where they make time, processes and HTTP exact. API calls and health probes go through
 * separate transports: API calls need every method and connection reuse, while health probes
 * run forever at an interval and must cost next to nothing. Periodic checks of a running service
 * go through the {@code loop}, one thread timing and exchanging the checks of every manager;
 * without one (null: most unit tests) they are timed by the scheduler and sent through the probe.
 * Unit tests of the loop's path give a loop {@linkplain ProbeLoop#drivenBy driven by} their fake
 * scheduler, so that its timing runs in fake time too.
 */
record Seams(ProcessLauncher launcher, CommandResolver resolver, HttpTransport api, HttpTransport probe,
             PortProbe ports, Scheduler scheduler, EventBus events, RuntimeRecords runtimeRecords,
             Executor blocking, ProbeLoop loop) {

    /**
     * Without a probe loop: periodic checks are timed by {@code scheduler} and sent through
     * {@code probe} (or {@code api} for https), like every other request.
     */
    Seams(ProcessLauncher launcher, CommandResolver resolver, HttpTransport api, HttpTransport probe,
          PortProbe ports, Scheduler scheduler, EventBus events, RuntimeRecords runtimeRecords, Executor blocking) {
        this(launcher, resolver, api, probe, ports, scheduler, events, runtimeRecords, blocking, null);
    }

    /**
     * Shared by all managers for short blocking work (interpreter discovery, port checks,
     * stale-record cleanup); its threads end when idle, so closed managers leave none behind.
     */
    private static final ThreadPoolExecutor BLOCKING = blockingPool();

    static Seams system(ServiceConfig config) {
        return new Seams(new SystemProcessLauncher(), new DjangoCommandResolver(), JdkHttpTransport.shared(),
                SocketHttpProbe.shared(), new SocketPortProbe(), new SystemScheduler("sideeye-supervisor-" + config.name()),
                EventBus.withThread("sideeye-events-" + config.name()), RuntimeRecords.in(config.runtimeDir()), BLOCKING,
                ProbeLoop.shared());
    }

    private static ThreadPoolExecutor blockingPool() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(8, 8, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "sideeye-work-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
