package io.sideeye.bench;

import io.sideeye.service.ServiceEvent;
import io.sideeye.service.event.EventBus;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Publishing one event to N listeners (by name and by type), dispatched on the calling thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventDispatchBenchmark {
    /** Listeners registered on the bus. */
    @Param({"1", "8", "64"})
    public int listeners;

    private EventBus bus;
    private ServiceEvent event;

    /** Builds a bus with {@link #listeners} listeners that consume into a black hole. */
    @Setup
    public void setup(Blackhole bh) {
        bus = EventBus.on(Runnable::run);
        for (int i = 0; i < listeners; i++) {
            if (i % 2 == 0) {
                bus.on("healthy", bh::consume);
            } else {
                bus.on(ServiceEvent.Healthy.class, bh::consume);
            }
        }
        bus.on("stdout", bh::consume); // a listener the event does not match
        event = new ServiceEvent.Healthy(Instant.now(), 200, null, 1.5);
    }

    /** One publish, delivered to every matching listener. */
    @Benchmark
    public void publish() {
        bus.publish(event);
    }
}
