package io.sideeye.junit5;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.LogLine;
import io.sideeye.service.ServiceStatus;
import java.util.List;

/**
 * The backend's last output lines, attached by {@link SideEyeExtension} to a failed test's
 * exception as a suppressed exception, so that they appear under the failure in every report
 * (console, Surefire XML, IDE). It carries no stack trace: the message is the evidence.
 *
 * <pre>
 * Suppressed: io.sideeye.junit5.BackendOutput: last 2 output lines of the backend (RUNNING, http://127.0.0.1:41237, pid 8812):
 *   stderr | WARNING django.request: Not Found: /api/nope/
 *   stderr | ERROR notes: ...
 * </pre>
 */
public final class BackendOutput extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final long QUIET_MS = 100;
    private static final long SETTLE_MAX_MS = 1000;

    private final transient List<LogLine> lines;

    BackendOutput(String message, List<LogLine> lines) {
        super(message, null, false, false);
        this.lines = List.copyOf(lines);
    }

    /** The lines, oldest first. */
    public List<LogLine> lines() {
        return lines;
    }

    /** The last {@code max} lines of {@code manager}'s output, with a heading naming its state, URL and pid. */
    static BackendOutput of(DjangoServiceManager manager, int max) {
        List<LogLine> all = settled(manager);
        List<LogLine> last = all.subList(Math.max(0, all.size() - max), all.size());
        return new BackendOutput(format(manager.getStatus(), last), last);
    }

    /**
     * The output once it has settled: lines the backend wrote just before the failure (say, the
     * traceback of the request the test made) may still be on their way through the pipe, so
     * wait until no line arrived for {@code QUIET_MS}, at most {@code SETTLE_MAX_MS}.
     */
    private static List<LogLine> settled(DjangoServiceManager manager) {
        long deadline = System.nanoTime() + SETTLE_MAX_MS * 1_000_000;
        List<LogLine> lines = manager.recentLogs();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(QUIET_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            List<LogLine> now = manager.recentLogs();
            boolean quiet = now.size() == lines.size()
                    && (now.isEmpty() || now.get(now.size() - 1).equals(lines.get(lines.size() - 1)));
            if (quiet) {
                return now;
            }
            lines = now;
        }
        return lines;
    }

    static String format(ServiceStatus status, List<LogLine> lines) {
        StringBuilder text = new StringBuilder();
        text.append(switch (lines.size()) {
            case 0 -> "no output lines from the backend";
            case 1 -> "the last output line of the backend";
            default -> "last " + lines.size() + " output lines of the backend";
        });
        text.append(" (").append(status.state());
        if (status.url() != null) {
            text.append(", ").append(status.url());
        }
        if (status.pid() != null) {
            text.append(", pid ").append(status.pid());
        }
        if (status.lastError() != null) {
            text.append(", last error: ").append(status.lastError());
        }
        text.append(')');
        if (!lines.isEmpty()) {
            text.append(':');
        }
        for (LogLine line : lines) {
            text.append("\n  ").append(line.stream()).append(" | ").append(line.line());
        }
        return text.toString();
    }
}
