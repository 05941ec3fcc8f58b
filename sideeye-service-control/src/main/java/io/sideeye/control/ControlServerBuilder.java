package io.sideeye.control;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceGroup;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Options of a {@link ControlServer}; every setter states its default. {@link #start()}
 * validates them and starts the server.
 */
public final class ControlServerBuilder {
    DjangoServiceManager manager;
    ServiceGroup group;
    InetAddress bindAddress = InetAddress.getLoopbackAddress();
    int port;
    String token;
    long maxBodyBytes = 1024 * 1024;
    int eventQueueCapacity = 1024;
    Duration heartbeatInterval = Duration.ofSeconds(15);
    Duration stallTimeout = Duration.ofSeconds(10);
    Duration requestDeadline = Duration.ofSeconds(5);
    int relayPort; // set by OnDemandControlServer: the port its relay listens on
    final Set<String> allowedOrigins = new LinkedHashSet<>();

    ControlServerBuilder() {
    }

    /**
     * One manager to control, as a one-service group (see
     * {@link ControlServer#start(DjangoServiceManager, int, String)}); replaces a group set
     * before. Default none (routes answer "not initialized" until attached).
     */
    public ControlServerBuilder manager(DjangoServiceManager manager) {
        this.manager = manager;
        this.group = null;
        return this;
    }

    /**
     * The services to control; replaces a manager set before. Default none (routes answer "not
     * initialized" until attached).
     */
    public ControlServerBuilder group(ServiceGroup group) {
        this.group = group;
        this.manager = null;
        return this;
    }

    /**
     * The loopback address to bind; default 127.0.0.1. A non-loopback address is refused by
     * {@link #start()}, because the routes control a local process.
     */
    public ControlServerBuilder bindAddress(InetAddress address) {
        this.bindAddress = address;
        return this;
    }

    /** The port; default 0, a random free one. */
    public ControlServerBuilder port(int port) {
        this.port = port;
        return this;
    }

    /**
     * The access token; default a fresh random 256-bit one. A supplied token needs at least 43
     * characters from {@code A-Z a-z 0-9 . _ ~ -}.
     */
    public ControlServerBuilder token(String token) {
        this.token = token;
        return this;
    }

    /** Largest accepted request body; default 1 MiB. Larger bodies get 413. */
    public ControlServerBuilder maxBodyBytes(long bytes) {
        this.maxBodyBytes = bytes;
        return this;
    }

    /** Events one stream may have waiting before it is dropped as too slow; default 1024. */
    public ControlServerBuilder eventQueueCapacity(int frames) {
        this.eventQueueCapacity = frames;
        return this;
    }

    /** Time between heartbeats on event streams; default 15 s. */
    public ControlServerBuilder heartbeatInterval(Duration interval) {
        this.heartbeatInterval = interval;
        return this;
    }

    /** Time one write to an event stream may block before that stream is dropped; default 10 s. */
    public ControlServerBuilder stallTimeout(Duration timeout) {
        this.stallTimeout = timeout;
        return this;
    }

    /**
     * Trusts one more web origin (exactly, e.g. {@code http://localhost:5173} for a UI dev
     * server): it may call the routes with the bearer token and receives CORS headers naming
     * it. Default none; there is never a wildcard.
     */
    public ControlServerBuilder allowOrigin(String origin) {
        if (origin == null || origin.isBlank() || origin.contains("*")) {
            throw new IllegalArgumentException("allowOrigin needs one exact origin such as http://localhost:5173, got '"
                    + origin + "'");
        }
        allowedOrigins.add(origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin);
        return this;
    }

    /**
     * How long a client has to send a whole request (line, headers and body) from its first
     * byte, or its connection is closed; default 5 s. Applies to this server only; answers,
     * event streams included, are not limited.
     */
    public ControlServerBuilder requestDeadline(Duration deadline) {
        this.requestDeadline = deadline;
        return this;
    }

    /**
     * Starts the server.
     *
     * @throws IllegalArgumentException for an invalid option (non-loopback address, port out of
     *                                  range, weak token, non-positive limit)
     * @throws ControlServerException   when the port cannot be bound
     */
    public ControlServer start() {
        validate();
        return ControlServer.launch(this);
    }

    /**
     * Binds the port and starts the server when the first connection arrives
     * ({@link OnDemandControlServer}): until then the control plane costs a listening socket and
     * one blocked thread. The builder belongs to the returned object afterwards.
     *
     * @throws IllegalArgumentException for an invalid option (as {@link #start()})
     * @throws ControlServerException   when the port cannot be bound
     */
    public OnDemandControlServer startOnDemand() {
        validate();
        return OnDemandControlServer.listen(this);
    }

    private void validate() {
        if (bindAddress == null || !bindAddress.isLoopbackAddress()) {
            throw new IllegalArgumentException("refusing to bind the control server to "
                    + (bindAddress == null ? "no address" : bindAddress.getHostAddress())
                    + ": it only binds a loopback address (127.0.0.1 or ::1), because its routes control a local process");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("control server port " + port + " is out of range; use 0 (a free port) to 65535");
        }
        if (requestDeadline == null || requestDeadline.isNegative() || requestDeadline.isZero()
                || requestDeadline.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("requestDeadline must be above zero and at most 1 hour, got "
                    + requestDeadline);
        }
        if (maxBodyBytes < 1 || eventQueueCapacity < 1) {
            throw new IllegalArgumentException("maxBodyBytes and eventQueueCapacity must be positive");
        }
    }
}
