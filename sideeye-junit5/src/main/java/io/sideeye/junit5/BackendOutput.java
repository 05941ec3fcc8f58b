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
        List<LogLine> all = manager.recentLogs();
        List<LogLine> last = all.subList(Math.max(0, all.size() - max), all.size());
        return new BackendOutput(format(manager.getStatus(), last), last);
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
