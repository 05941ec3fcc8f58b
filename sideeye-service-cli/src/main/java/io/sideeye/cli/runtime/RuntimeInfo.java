package io.sideeye.cli.runtime;

import java.time.Instant;

/**
 * What a running {@code sideeye run} publishes so that other {@code sideeye} commands on the
 * same machine can reach its control plane. Holds a secret (the token): the file is readable
 * by its owner only, and the token is never printed.
 *
 * @param pid          the process id of {@code sideeye run}
 * @param processStart the start time of that process as the OS reports it (guards against pid reuse), or null
 * @param port         the control server's port on 127.0.0.1
 * @param token        the control server's access token
 * @param startedAt    when the run started
 * @param config       the configuration file in use, or null
 * @param projectDir   the backend's project directory
 */
public record RuntimeInfo(long pid, Instant processStart, int port, String token, Instant startedAt, String config,
                          String projectDir) {

    /** The control server's base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public String toString() {
        return "RuntimeInfo[pid=" + pid + ", port=" + port + ", startedAt=" + startedAt + ", config=" + config
                + ", projectDir=" + projectDir + "]"; // never the token
    }
}
