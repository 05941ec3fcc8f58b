package io.sideeye.control;

import com.sun.net.httpserver.HttpServer;
import io.sideeye.control.http.Dispatcher;
import io.sideeye.control.http.RequestDeadline;
import io.sideeye.control.http.Router;
import io.sideeye.control.ipc.IpcRoutes;
import io.sideeye.control.metrics.EventCounters;
import io.sideeye.control.metrics.MetricsRoutes;
import io.sideeye.control.security.AccessToken;
import io.sideeye.control.security.BrowserSessions;
import io.sideeye.control.security.HostCheck;
import io.sideeye.control.security.OriginCheck;
import io.sideeye.control.security.RequestGuard;
import io.sideeye.control.sse.SseHub;
import io.sideeye.control.sse.SseSettings;
import io.sideeye.control.web.SignInRoutes;
import io.sideeye.control.web.StaticAssets;
import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loopback control server: the seed's IPC channels as HTTP routes, Server-Sent Events, the
 * dashboard and {@code sideeye-client.js}. Routes and security rules are described in
 * {@code docs/CONTROL.md}.
 *
 * <pre>{@code
 * try (ControlServer control = ControlServer.start(group, 0, null)) {   // or start(manager, 0, null)
 *     System.out.println("Dashboard: " + control.dashboardUrl());   // signs one browser tab in, once
 *     ...
 * }
 * }</pre>
 *
 * <p>The server controls a {@link ServiceGroup}; every route addresses its default service
 * unless {@code ?service=<name>} names another, so a single manager (a one-service group) is
 * controlled exactly as the seed's IPC channels did.
 *
 * <p>The server binds a loopback address only, requires a 256-bit token as a bearer header (or
 * a browser session got once through a {@link #dashboardUrl()} link, also sent as a bearer
 * header; no cookie is ever set), checks {@code Host} and, on state-changing routes,
 * {@code Origin}. The token never appears in logs or error messages.
 */
public final class ControlServer implements AutoCloseable {
    /**
     * Threads that run requests other than quick ones, which the JDK server's connection thread
     * serves itself (event streams need none while they stream; {@link RequestDeadline}). After a
     * slow client, the JDK server reads every request's headers on one of them for a while; the
     * request deadline frees one a slow client holds.
     */
    private static final int HTTP_THREADS = 4;

    /** Connections the kernel queues until they are accepted. */
    static final int BACKLOG = 256;

    static {
        // The JDK server leaves Nagle's algorithm on unless told otherwise (read once, when the
        // first server of the JVM starts); each small answer then waits ~40 ms for a delayed ACK.
        // The JDK offers no per-server switch: this one turns off a delay and limits nothing,
        // and a host application's own setting wins. Limits are this server's own (RequestDeadline).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final RequestDeadline deadline;
    private final SseHub hub;
    private final IpcRoutes ipc;
    private final MetricsRoutes metrics;
    private final AccessToken token;
    private final BrowserSessions sessions;
    private final InetAddress address;
    private boolean closed;

    private ControlServer(HttpServer server, ThreadPoolExecutor executor, RequestDeadline deadline, SseHub hub,
                          IpcRoutes ipc, MetricsRoutes metrics, AccessToken token, BrowserSessions sessions,
                          InetAddress address) {
        this.server = server;
        this.executor = executor;
        this.deadline = deadline;
        this.hub = hub;
        this.ipc = ipc;
        this.metrics = metrics;
        this.token = token;
        this.sessions = sessions;
        this.address = address;
    }

    /**
     * Starts a server on 127.0.0.1 controlling one manager, as the one-service group
     * {@code ServiceGroup.of(name, manager)} named as the manager's configuration names it
     * ({@code web} unless set).
     *
     * @param manager the manager to control, or null (routes answer "not initialized" until {@link #attach})
     * @param port    the port, 0 for a random free one
     * @param token   the access token, or null for a fresh random 256-bit token
     * @throws ControlServerException when the port cannot be bound
     */
    public static ControlServer start(DjangoServiceManager manager, int port, String token) {
        return builder().manager(manager).port(port).token(token).start();
    }

    /**
     * Starts a server on 127.0.0.1 controlling every service of {@code group}. The server never
     * starts, stops or closes the group by itself; its routes do what clients ask.
     *
     * @param group the services to control, or null (routes answer "not initialized" until {@link #attach})
     * @param port  the port, 0 for a random free one
     * @param token the access token, or null for a fresh random 256-bit token
     * @throws ControlServerException when the port cannot be bound
     */
    public static ControlServer start(ServiceGroup group, int port, String token) {
        return builder().group(group).port(port).token(token).start();
    }

    /** Options beyond {@link #start(ServiceGroup, int, String)}: limits, heartbeat, trusted origins. */
    public static ControlServerBuilder builder() {
        return new ControlServerBuilder();
    }

    static ControlServer launch(ControlServerBuilder b) {
        AccessToken token = b.token == null ? AccessToken.random() : AccessToken.of(b.token);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(b.bindAddress, b.port), BACKLOG);
        } catch (IOException e) {
            throw bindFailure(b, e);
        }
        int port = server.getAddress().getPort();
        ThreadPoolExecutor executor = httpExecutor();
        SseHub hub = new SseHub(new SseSettings(b.eventQueueCapacity, 2, 16, b.heartbeatInterval, b.stallTimeout));
        EventCounters counters = new EventCounters();
        IpcRoutes ipc = new IpcRoutes(hub, counters, executor);
        Router router = new Router();
        ipc.register(router);
        MetricsRoutes metrics = new MetricsRoutes(ipc.slot()::get, counters, hub);
        metrics.register(router);
        StaticAssets.register(router);
        BrowserSessions sessions = new BrowserSessions(token, port, Clock.systemUTC());
        SignInRoutes.register(router, sessions, token, baseUrl(b.bindAddress, port));

        HostCheck hosts = new HostCheck(port, b.relayPort);
        OriginCheck origins = new OriginCheck(hosts.ownOrigins(), b.allowedOrigins);
        RequestGuard guard = new RequestGuard(token, hosts, origins, sessions);
        server.createContext("/", new Dispatcher(router, guard, b.maxBodyBytes));
        RequestDeadline deadline = new RequestDeadline(executor, b.requestDeadline, "sideeye-control-deadline");
        server.setExecutor(deadline);
        server.start();
        ControlServer control = new ControlServer(server, executor, deadline, hub, ipc, metrics, token, sessions,
                b.bindAddress);
        if (b.group != null) {
            control.attach(b.group);
        } else {
            control.attach(b.manager);
        }
        return control;
    }

    static ControlServerException bindFailure(ControlServerBuilder b, IOException e) {
        return new ControlServerException("cannot bind the control server to " + b.bindAddress.getHostAddress()
                + ":" + b.port + " (" + e.getMessage() + "); choose another port, or 0 for a free one", e);
    }

    private static ThreadPoolExecutor httpExecutor() {
        AtomicInteger serial = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "sideeye-control-http-" + serial.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Replaces whatever is attached with one manager (as a one-service group, see
     * {@link #start(DjangoServiceManager, int, String)}); null detaches. Attaching the manager
     * already attached changes nothing. Streams get the new services and statuses.
     */
    public void attach(DjangoServiceManager manager) {
        ipc.slot().attach(manager);
    }

    /**
     * Replaces whatever is attached with {@code group} (null detaches), e.g. after the group was
     * rebuilt from a changed configuration. Streams get the new services and statuses. The
     * server does not close a group it was given; its owner does.
     *
     * <p>Attaching the group already attached tells every stream its services and statuses again,
     * nothing else: do so after {@link ServiceGroup#replace} changed a service's number of
     * instances. (The events of replaced instances reach the streams without it.)
     */
    public void attach(ServiceGroup group) {
        ipc.slot().attach(group);
    }

    /** Detaches whatever is attached: routes answer "not initialized" until the next attach. */
    public void detach() {
        ipc.slot().attach((ServiceGroup) null);
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The access token (a secret: never log it). */
    public String token() {
        return token.reveal();
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public URI baseUrl() {
        return baseUrl(address, port());
    }

    static URI baseUrl(InetAddress address, int port) {
        String host = address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port + "/");
    }

    /**
     * A new dashboard link, {@code http://127.0.0.1:<port>/#code=<one-time code>}, to print or
     * open: it signs one browser tab in, once (the page trades the code for a session of its
     * own, see {@link BrowserSessions}), and never puts the token in the browser. Each call
     * gives a new code; the link in the browser's history does not work again.
     */
    public URI dashboardUrl() {
        return baseUrl().resolve("/#code=" + sessions.newCode());
    }

    /** Open event streams (for tests and diagnostics). */
    int eventStreams() {
        return hub.subscriberCount();
    }

    /** Writer threads serving the event streams (for tests and diagnostics). */
    int eventWriterThreads() {
        return hub.writerThreads();
    }

    /** Stops the server and ends every event stream. Does not stop the services. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ipc.slot().close();
        hub.close();
        server.stop(0);
        executor.shutdownNow();
        deadline.close();
        metrics.close();
    }
}
