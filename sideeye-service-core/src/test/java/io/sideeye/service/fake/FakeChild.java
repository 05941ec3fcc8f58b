package io.sideeye.service.fake;

import io.sideeye.service.process.ChildProcess;
import io.sideeye.service.process.ExitStatus;
import io.sideeye.service.process.LaunchSpec;
import java.util.concurrent.CompletableFuture;

/** A pretend backend process: the test decides how it answers health checks and when it dies. */
public final class FakeChild implements ChildProcess {

    /** How the pretend server answers its health endpoint. */
    public enum Health {
        NOT_LISTENING, HEALTHY, HTTP_500, WRONG_INSTANCE, HANG,
        /** The health app is missing: Django's 404 page, a login redirect, a 403, a catch-all HTML page. */
        NOT_FOUND, LOGIN_REDIRECT, FORBIDDEN, HTML_PAGE,
        /** A health view that is not the sideeye app's: healthy JSON without the instance id. */
        NO_INSTANCE,
        /** Warming up: 503 with the contract's JSON. */
        HTTP_503
    }

    private final long pid;
    private final LaunchSpec spec;
    private final int port;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    public volatile Health health;
    public volatile boolean ignoresSigterm;
    /** The loopback port only this child serves ({@code --private-port=N}), or -1. */
    public volatile int privatePort = -1;
    public volatile int terminateCalls;
    public volatile int killCalls;

    FakeChild(long pid, LaunchSpec spec, int port, Health initial) {
        this.pid = pid;
        this.spec = spec;
        this.port = port;
        this.health = initial;
    }

    public LaunchSpec spec() {
        return spec;
    }

    public int port() {
        return port;
    }

    public String env(String name) {
        return spec.environment().get(name);
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public CompletableFuture<ExitStatus> onExit() {
        return exit;
    }

    @Override
    public void terminate() {
        terminateCalls++;
        if (!ignoresSigterm) {
            exit(143);
        }
    }

    @Override
    public void kill() {
        killCalls++;
        exit(137);
    }

    /** The process ends with {@code code} (128+n for signal n). */
    public void exit(int code) {
        exit.complete(ExitStatus.of(code, true));
    }

    /** The process writes one line. */
    public void print(boolean stderr, String line) {
        spec.output().onLine(stderr, line);
    }
}
