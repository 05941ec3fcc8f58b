package io.sideeye.service.group;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Operations that take turns: each starts once the one whose turn was taken before it completed
 * (however it completed), in the order the turns were taken. Taking a turn never blocks, and no
 * lock is held while an operation starts.
 */
public final class Turns {
    private CompletableFuture<Boolean> last = CompletableFuture.completedFuture(true);

    /** Starts {@code operation} after the operations taken before; see {@link Turn#run}. */
    public CompletableFuture<Boolean> take(Supplier<CompletableFuture<Boolean>> operation) {
        return next().run(operation);
    }

    /**
     * Takes the next turn now, to be run later (e.g. after leaving a lock under which the turn's
     * place had to be fixed). The turn must be run, or every later one waits forever.
     */
    public Turn next() {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> before;
        synchronized (this) {
            before = last;
            last = mine;
        }
        return new Turn(before, mine);
    }

    /** One taken turn. */
    public static final class Turn {
        private final CompletableFuture<Boolean> before;
        private final CompletableFuture<Boolean> mine;

        private Turn(CompletableFuture<Boolean> before, CompletableFuture<Boolean> mine) {
            this.before = before;
            this.mine = mine;
        }

        /**
         * Starts {@code operation} once the turn before completed; returns a future completed as
         * the operation's (an exception it throws fails it).
         */
        public CompletableFuture<Boolean> run(Supplier<CompletableFuture<Boolean>> operation) {
            before.whenComplete((ignored, error) -> {
                CompletableFuture<Boolean> run;
                try {
                    run = operation.get();
                } catch (RuntimeException e) {
                    run = CompletableFuture.failedFuture(e);
                }
                run.whenComplete((ok, failure) -> {
                    if (failure != null) {
                        mine.completeExceptionally(failure);
                    } else {
                        mine.complete(ok);
                    }
                });
            });
            return mine;
        }
    }
}
