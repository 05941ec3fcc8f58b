package io.sideeye.service.process;

import java.util.concurrent.CompletableFuture;

/** A spawned backend process and the tree of processes it started. */
public interface ChildProcess {

    /** The operating system's process id. */
    long pid();

    /** Whether the process itself is still alive. */
    boolean isAlive();

    /**
     * Completes once the process has exited and its output has been drained (or a short grace
     * period for draining has passed, since a grandchild may hold the pipes open), and its tree
     * has settled: after {@link #terminate()}, only when every captured member is gone (so
     * waiting for this with a shutdown timeout and then calling {@link #kill()} leaves no
     * survivor); when the process ended by itself, after the descendants it left behind were
     * ended too. Never completes exceptionally. It completes on an internal thread (the one
     * that saw the exit last), so stages chained to it must be short and must not block.
     */
    CompletableFuture<ExitStatus> onExit();

    /**
     * Completes as soon as the process itself has exited, before its output is drained and its
     * tree settled (which {@link #onExit()} waits for); on an internal thread, so stages chained
     * to it must be short.
     */
    default CompletableFuture<Void> onProcessExit() {
        return onExit().thenApply(status -> null);
    }

    /**
     * Captures the whole process tree (the process and all its descendants) and asks every
     * member to end: SIGTERM on Unix; on Windows, which has no signals, the tree is destroyed.
     * Members captured here are remembered for {@link #kill()}.
     */
    void terminate();

    /** Forcibly ends (SIGKILL) every captured member and any still-alive descendant. */
    void kill();

    /**
     * Remembers the process's current descendants now (besides any periodic refresh), so that
     * they are ended with it even if the process itself dies before the next refresh; e.g.
     * Django's autoreloader, whose serving child exists once the first health check passes.
     */
    default void captureTree() {
    }
}
