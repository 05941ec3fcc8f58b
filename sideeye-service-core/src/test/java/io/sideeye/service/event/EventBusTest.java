package io.sideeye.service.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sideeye.service.ServiceEvent;
import io.sideeye.service.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EventBusTest {

    @Test
    void deliversInOrderOnOneThreadThatIsNotThePublisher() {
        EventBus bus = EventBus.withThread("test-events");
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        bus.onAny(e -> {
            seen.add(((ServiceEvent.Info) e).message());
            threads.add(Thread.currentThread());
        });
        for (int i = 0; i < 1000; i++) {
            bus.publish(new ServiceEvent.Info(Instant.now(), Integer.toString(i)));
        }
        await().until(() -> seen.size() == 1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.get(i)).isEqualTo(Integer.toString(i));
        }
        assertThat(threads).doesNotContain(Thread.currentThread());
        assertThat(threads.stream().distinct()).hasSize(1);
        bus.close();
    }

    @Test
    void typedAndNamedSubscriptionsFilterAndUnsubscribe() {
        EventBus bus = EventBus.on(Runnable::run);
        List<ServiceEvent> started = new CopyOnWriteArrayList<>();
        List<ServiceEvent.Stopped> stopped = new CopyOnWriteArrayList<>();
        Subscription s = bus.on("started", started::add);
        bus.on(ServiceEvent.Stopped.class, stopped::add);
        bus.publish(new ServiceEvent.Started(Instant.now(), 1, 2, 3));
        bus.publish(new ServiceEvent.Stopped(Instant.now()));
        s.close();
        bus.publish(new ServiceEvent.Started(Instant.now(), 1, 2, 3));
        assertThat(started).hasSize(1);
        assertThat(stopped).hasSize(1);
    }

    @Test
    void eventJsonCarriesNameTimestampAndFields() {
        var json = io.sideeye.service.ServiceJson.toJson(
                new ServiceEvent.ProcessExit(Instant.parse("2026-01-01T00:00:00Z"), 137, "SIGKILL"));
        assertThat(json.toString())
                .isEqualTo("{\"name\":\"process-exit\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"code\":137,\"signal\":\"SIGKILL\"}");
    }
}
