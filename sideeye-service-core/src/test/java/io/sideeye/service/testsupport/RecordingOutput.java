package io.sideeye.service.testsupport;

import io.sideeye.service.process.OutputListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Records every line a child writes and waits for lines to appear. */
public final class RecordingOutput implements OutputListener {
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    @Override
    public void onLine(boolean isStderr, String line) {
        (isStderr ? stderr : stdout).add(line);
    }

    /** Standard output lines so far. */
    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    /** Standard error lines so far. */
    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    /**
     * Waits (up to 20 s) for a stdout line that {@code parse} maps to a value other than
     * {@code absent}, and returns that value.
     */
    public <T> T awaitStdout(Function<String, T> parse, T absent) {
        try {
            return Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                    () -> stdout.stream().map(parse).filter(v -> !v.equals(absent)).findFirst(), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the expected line did not appear; stdout " + stdout + ", stderr " + stderr, e);
        }
    }
}
