package io.sideeye.bench;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** {@code getStatus()}: the lock-free snapshot read that dashboards and the control plane poll. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StatusBenchmark {
    private DjangoServiceManager manager;

    /** A configured manager (not started: the snapshot read is the same code either way). */
    @Setup
    public void setup() {
        manager = Managers.of(List.of("/bin/true", "{port}"), Path.of("."), 8000).build();
    }

    /** Closes the manager. */
    @TearDown
    public void tearDown() {
        manager.close();
    }

    /** One status snapshot. */
    @Benchmark
    public ServiceStatus status() {
        return manager.getStatus();
    }
}
