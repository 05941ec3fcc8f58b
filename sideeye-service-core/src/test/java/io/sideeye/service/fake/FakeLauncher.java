package io.sideeye.service.fake;

import io.sideeye.service.process.ChildProcess;
import io.sideeye.service.process.LaunchRefusedException;
import io.sideeye.service.process.LaunchSpec;
import io.sideeye.service.process.ProcessLauncher;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Launches {@link FakeChild}ren; the port is read from an argv element {@code --port=N}. */
public final class FakeLauncher implements ProcessLauncher {
    public final List<FakeChild> children = new CopyOnWriteArrayList<>();
    /** How the next children answer health checks right after spawning. */
    public volatile FakeChild.Health initialHealth = FakeChild.Health.HEALTHY;
    public volatile boolean nextIgnoresSigterm;
    public volatile IOException failNext;
    /** From now on every launch is refused as during the JVM's shutdown. */
    public volatile boolean shuttingDown;
    /** Launches matching this fail as if the executable were missing. */
    public volatile Predicate<LaunchSpec> refuse = spec -> false;
    private long nextPid = 4000;

    @Override
    public ChildProcess launch(LaunchSpec spec) throws IOException {
        if (shuttingDown) {
            throw new LaunchRefusedException("'" + spec.command().get(0) + "' was not started: this JVM is shutting"
                    + " down, and a process started now could outlive it");
        }
        if (failNext != null) {
            IOException e = failNext;
            failNext = null;
            throw e;
        }
        if (refuse.test(spec)) {
            throw new IOException("Cannot run program \"" + spec.command().get(0) + "\": error=2, No such file or directory");
        }
        int port = spec.command().stream().filter(a -> a.startsWith("--port="))
                .mapToInt(a -> Integer.parseInt(a.substring(7))).findFirst().orElse(-1);
        FakeChild child = new FakeChild(nextPid++, spec, port, initialHealth);
        child.ignoresSigterm = nextIgnoresSigterm;
        child.privatePort = spec.command().stream().filter(a -> a.startsWith("--private-port="))
                .mapToInt(a -> Integer.parseInt(a.substring(15))).findFirst().orElse(-1);
        children.add(child);
        return child;
    }

    public FakeChild last() {
        return children.get(children.size() - 1);
    }

    public long alive() {
        return children.stream().filter(FakeChild::isAlive).count();
    }
}
