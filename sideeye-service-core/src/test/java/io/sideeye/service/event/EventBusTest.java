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
    void aRelayHandsEachEventOnOnThePublishersThreadInOrderAndWakesNoDispatchThread() {
        EventBus bus = EventBus.withThread("test-relayed-events");
        Listeners<String> downstream = Listeners.on(Runnable::run, e -> e);
        List<String> relayed = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        downstream.add(e -> true, e -> {
            relayed.add(e);
            threads.add(Thread.currentThread());
        });
        Subscription relay = bus.relayAny(e -> downstream.publish(((ServiceEvent.Info) e).message()));
        for (int i = 0; i < 100; i++) {
            bus.publish(new ServiceEvent.Info(Instant.now(), Integer.toString(i)));
        }
        assertThat(relayed).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(relayed.get(i)).isEqualTo(Integer.toString(i));
        }
        assertThat(threads.stream().distinct()).containsExactly(Thread.currentThread());
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
                .as("nobody else listens: no dispatch thread").doesNotContain("test-relayed-events");

        relay.close();
        bus.publish(new ServiceEvent.Info(Instant.now(), "after unsubscribing"));
        assertThat(relayed).hasSize(100);
        bus.close();
    }

    @Test
    void aRelayAndTheQueuedListenersSeeOneOrderAndNothingIsRelayedAfterClose() {
        EventBus bus = EventBus.withThread("test-mixed-events");
        List<String> order = new CopyOnWriteArrayList<>();
        bus.relayAny(e -> order.add("relay " + ((ServiceEvent.Info) e).message()));
        List<String> queued = new CopyOnWriteArrayList<>();
        bus.onAny(e -> queued.add(((ServiceEvent.Info) e).message()));
        bus.publish(new ServiceEvent.Info(Instant.now(), "a"));
        bus.publish(new ServiceEvent.Info(Instant.now(), "b"));
        await().until(() -> queued.size() == 2);
        assertThat(order).containsExactly("relay a", "relay b");
        assertThat(queued).containsExactly("a", "b");

        bus.close();
        bus.publish(new ServiceEvent.Info(Instant.now(), "c"));
        assertThat(order).containsExactly("relay a", "relay b");
    }

    @Test
    void eventJsonCarriesNameTimestampAndFields() {
        var json = io.sideeye.service.ServiceJson.toJson(
                new ServiceEvent.ProcessExit(Instant.parse("2026-01-01T00:00:00Z"), 137, "SIGKILL"));
        assertThat(json.toString())
                .isEqualTo("{\"name\":\"process-exit\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"code\":137,\"signal\":\"SIGKILL\"}");
    }
}
