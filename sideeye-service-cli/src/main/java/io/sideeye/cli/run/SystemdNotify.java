package io.sideeye.cli.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The systemd notification protocol ({@code sd_notify}) for {@code sideeye run} under a
 * {@code Type=notify} unit: {@code READY=1} once every service is healthy, {@code STOPPING=1}
 * when the stop begins, and {@code WATCHDOG=1} every half of {@code WATCHDOG_USEC} when the unit
 * has {@code WatchdogSec=}.
 *
 * <p>The messages are datagrams on the unix socket {@code NOTIFY_SOCKET}. Java 17 has no unix
 * datagram sockets (only stream channels), so each message is handed to the {@code systemd-notify}
 * program that systemd ships, run as an argv (never a shell) with {@code --pid} set to this JVM,
 * so that systemd attributes the message to the unit's main process. A message costs one short
 * process (about 7 ms): a handful at start and stop, and one per watchdog period.
 *
 * <p>Without {@code NOTIFY_SOCKET} nothing happens and nothing is started.
 */
public final class SystemdNotify implements AutoCloseable {
    /** Sends one notification (assignments such as {@code READY=1}); returns an error text, or null when sent. */
    @FunctionalInterface
    public interface Sender {
        String send(List<String> assignments);
    }

    private static final SystemdNotify OFF = new SystemdNotify(null, 0, null);

    private final Sender sender;
    private final long watchdogMicros;
    private final Consumer<String> warnings;
    private ScheduledExecutorService watchdog;
    private boolean warned;
    private boolean stopping;

    SystemdNotify(Sender sender, long watchdogMicros, Consumer<String> warnings) {
        this.sender = sender;
        this.watchdogMicros = watchdogMicros;
        this.warnings = warnings;
    }

    /**
     * The notifier {@code env} asks for: off without {@code NOTIFY_SOCKET}; the watchdog only when
     * {@code WATCHDOG_USEC} is set and {@code WATCHDOG_PID} (if set) is this process.
     *
     * @param warnings receives a line when a notification cannot be sent (once)
     */
    public static SystemdNotify from(Map<String, String> env, Consumer<String> warnings) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isBlank()) {
            return OFF;
        }
        long pid = ProcessHandle.current().pid();
        long micros = 0;
        String usec = env.get("WATCHDOG_USEC");
        String watchdogPid = env.get("WATCHDOG_PID");
        if (usec != null && (watchdogPid == null || watchdogPid.equals(Long.toString(pid)))) {
            try {
                micros = Long.parseLong(usec.trim());
            } catch (NumberFormatException e) {
                warnings.accept("WATCHDOG_USEC='" + usec + "' is not a number of microseconds: no watchdog pings");
            }
        }
        return new SystemdNotify(new ProgramSender(program(env), socket, pid), micros, warnings);
    }

    /** Whether notifications are sent at all. */
    public boolean enabled() {
        return sender != null;
    }

    /** The time between two watchdog pings (half the watchdog's time), in microseconds; 0 when none. */
    long watchdogPeriodMicros() {
        return watchdogMicros / 2;
    }

    /** Starts the watchdog pings (when the unit has a watchdog). */
    public synchronized void startWatchdog() {
        if (sender == null || watchdogMicros <= 0 || watchdog != null) {
            return;
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sideeye-systemd-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, watchdogPeriodMicros());
        watchdog.scheduleAtFixedRate(() -> send(List.of("WATCHDOG=1")), 0, period, TimeUnit.MICROSECONDS);
    }

    /** Every service is healthy: {@code READY=1} with {@code status}. */
    public void ready(String status) {
        send(List.of("READY=1", "STATUS=" + status));
    }

    /** The stop begins: {@code STOPPING=1} (once) and no more watchdog pings. */
    public void stopping() {
        synchronized (this) {
            if (sender == null || stopping) {
                return;
            }
            stopping = true;
            stopWatchdog();
        }
        send(List.of("STOPPING=1", "STATUS=stopping"));
    }

    @Override
    public void close() {
        synchronized (this) {
            stopWatchdog();
        }
    }

    private void stopWatchdog() {
        if (watchdog != null) {
            watchdog.shutdownNow();
            watchdog = null;
        }
    }

    private void send(List<String> assignments) {
        if (sender == null) {
            return;
        }
        String error = sender.send(assignments);
        if (error != null) {
            synchronized (this) {
                if (warned) {
                    return;
                }
                warned = true;
            }
            warnings.accept("cannot notify systemd (NOTIFY_SOCKET is set): " + error);
        }
    }

    /** {@code systemd-notify} from {@code PATH}, else its usual place. */
    static String program(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : (path + ":/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "systemd-notify"))) {
                return Path.of(dir, "systemd-notify").toString();
            }
        }
        return null;
    }

    /** Runs {@code systemd-notify --pid=<this JVM> assignments...} with {@code NOTIFY_SOCKET} set. */
    private record ProgramSender(String program, String socket, long pid) implements Sender {
        @Override
        public String send(List<String> assignments) {
            if (program == null) {
                return "the systemd-notify program was not found on PATH (it comes with systemd)";
            }
            List<String> argv = new ArrayList<>(List.of(program, "--pid=" + pid));
            argv.addAll(assignments);
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("NOTIFY_SOCKET", socket);
            try {
                Process p = builder.start();
                String output;
                try (InputStream in = p.getInputStream()) {
                    output = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
                }
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return program + " did not end within 5 s";
                }
                return p.exitValue() == 0 ? null : program + " exited with " + p.exitValue()
                        + (output.isEmpty() ? "" : ": " + output);
            } catch (IOException e) {
                return "cannot run " + program + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }
}
