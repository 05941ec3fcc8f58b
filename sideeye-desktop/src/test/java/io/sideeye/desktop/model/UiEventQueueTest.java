package io.sideeye.desktop.model;

import static io.sideeye.desktop.model.Statuses.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.ServiceEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UiEventQueueTest {
    /** A UI thread that runs its tasks only when the test says so. */
    private final Queue<Runnable> uiTasks = new ArrayDeque<>();
    private final UiEventQueue queue = new UiEventQueue(uiTasks::add);
    private final List<List<ServiceEvent>> delivered = new ArrayList<>();

    private void runUiTasks() {
        Runnable task;
        while ((task = uiTasks.poll()) != null) {
            task.run();
        }
    }

    private static ServiceEvent line(int i) {
        return new ServiceEvent.Stdout(T0, "line " + i);
    }

    @Test
    void eventsWithoutAWindowAreDropped() {
        queue.accept(line(1));
        assertThat(uiTasks).isEmpty();
        queue.attach(delivered::add);
        queue.accept(line(2));
        runUiTasks();
        assertThat(delivered).containsExactly(List.of(line(2)));
    }

    @Test
    void eventsQueuedBeforeOneUiTaskArriveAsOneBatchInOrder() {
        queue.attach(delivered::add);
        for (int i = 0; i < 5; i++) {
            queue.accept(line(i));
        }
        assertThat(uiTasks).hasSize(1);
        runUiTasks();
        assertThat(delivered).containsExactly(List.of(line(0), line(1), line(2), line(3), line(4)));
    }

    @Test
    void aFloodIsSplitIntoBoundedBatches() {
        queue.attach(delivered::add);
        for (int i = 0; i < 4_500; i++) {
            queue.accept(line(i));
        }
        runUiTasks();
        assertThat(delivered).extracting(List::size).containsExactly(2_000, 2_000, 500);
        assertThat(delivered.get(2).get(499)).isEqualTo(line(4_499));
    }

    @Test
    void detachingDropsWhatIsQueuedAndWhatComesLater() {
        queue.attach(delivered::add);
        queue.accept(line(1));
        queue.detach();
        queue.accept(line(2));
        runUiTasks();
        assertThat(delivered).isEmpty();
    }

    @Test
    void eventsFromManyThreadsAllArriveEachOnce() throws Exception {
        ExecutorService ui = Executors.newSingleThreadExecutor();
        List<ServiceEvent> received = new ArrayList<>();
        UiEventQueue concurrent = new UiEventQueue(ui);
        CountDownLatch all = new CountDownLatch(4_000);
        concurrent.attach(batch -> {
            received.addAll(batch);
            batch.forEach(e -> all.countDown());
        });
        ExecutorService producers = Executors.newFixedThreadPool(4);
        for (int p = 0; p < 4; p++) {
            int base = p * 1000;
            producers.execute(() -> {
                for (int i = 0; i < 1000; i++) {
                    concurrent.accept(line(base + i));
                }
            });
        }
        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        producers.shutdown();
        ui.submit(() -> { }).get(10, TimeUnit.SECONDS);
        ui.shutdown();
        assertThat(received).hasSize(4_000).doesNotHaveDuplicates();
    }
}
