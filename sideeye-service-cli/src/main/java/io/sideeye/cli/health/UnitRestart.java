package io.sideeye.cli.health;

import io.sideeye.cli.doctor.PythonCandidates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Asks systemd to restart a unit: {@code systemctl --no-ask-password restart --no-block UNIT},
 * run without a shell. {@code --no-block} queues the restart and returns, so a watchdog unit that
 * asks for it never waits on the unit it restarts.
 */
public final class UnitRestart {
    private static final long TIMEOUT_SECONDS = 30;

    private final Function<String, String> which;

    /** @param which finds a program on PATH by name, or returns null */
    public UnitRestart(Function<String, String> which) {
        this.which = which;
    }

    /**
     * Restarts {@code unit}.
     *
     * @return null when systemd accepted the restart, else why not (systemctl missing, its error output)
     */
    public String restart(String unit) {
        String systemctl = which.apply("systemctl");
        if (systemctl == null) {
            return "systemctl is not on PATH, so " + unit + " could not be restarted";
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(systemctl, "--no-ask-password", "restart", "--no-block",
                unit)).redirectErrorStream(true);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // systemctl says little (a line of error at most), so the pipe never fills while we wait.
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "systemctl restart " + unit + " did not finish within " + TIMEOUT_SECONDS + "s";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0 ? null : "systemctl restart " + unit + " failed (exit code "
                    + process.exitValue() + (output.isEmpty() ? ")" : "): " + output);
        } catch (IOException e) {
            return "could not run " + systemctl + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while restarting " + unit;
        }
    }

    /** A restart that finds {@code systemctl} on the PATH of {@code env}. */
    public static UnitRestart onPath(Map<String, String> env) {
        return new UnitRestart(name -> PythonCandidates.onPath(name, env).orElse(null));
    }
}
