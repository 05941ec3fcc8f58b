package io.sideeye.service.client;

import io.sideeye.service.http.DaemonPool;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An executor that holds its tasks until the test runs them, as the transport's pool would
 * (a {@link DaemonPool.Publishing} task is published after it ran): the test decides whether a
 * call's pool task runs before or after a thread that waits for the call, or never.
 */
final class HeldTasks implements Executor {
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    int size() {
        return tasks.size();
    }

    /** Runs the oldest held task on the calling thread; fails when none is held. */
    void runNext() {
        Runnable task = tasks.remove();
        task.run();
        if (task instanceof DaemonPool.Publishing publishing) {
            publishing.publish();
        }
    }
}
