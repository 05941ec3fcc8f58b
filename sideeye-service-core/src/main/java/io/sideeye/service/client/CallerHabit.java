package io.sideeye.service.client;

/**
 * Whether a thread that makes API calls took its last call itself, by waiting for it at once
 * ({@link WaiterRunsFuture}), or left it to the pool. One per calling thread; it only decides
 * whether a pool thread gives way to the caller for a moment, never who runs a call.
 */
final class CallerHabit {
    private static final ThreadLocal<CallerHabit> PER_THREAD = ThreadLocal.withInitial(CallerHabit::new);

    /** True until a call of this thread was run by the pool: a thread is expected to wait until it does not. */
    volatile boolean takesItsCalls = true;

    private CallerHabit() {
    }

    /** The habit of {@code thread}, which must be the current thread. */
    static CallerHabit of(Thread thread) {
        assert thread == Thread.currentThread();
        return PER_THREAD.get();
    }
}
