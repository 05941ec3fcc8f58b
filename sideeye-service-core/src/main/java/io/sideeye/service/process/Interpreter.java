package io.sideeye.service.process;

import java.util.List;
import java.util.Set;

/**
 * A Python interpreter that can import Django, as a probe found it.
 *
 * @param command       the argv prefix that runs it, e.g. {@code [/srv/app/.venv/bin/python]}
 * @param djangoVersion the version Django reports, e.g. {@code 4.2.7}
 * @param servers       the server packages it can import, among {@code waitress}, {@code gunicorn}, {@code uvicorn}
 *                      and {@code sideeye_health.serve} (a module that serves on a shared port)
 * @param pythonVersion the interpreter's version, e.g. {@code 3.11.2}, or {@code ?} when it did not say
 */
record Interpreter(List<String> command, String djangoVersion, Set<String> servers, String pythonVersion) {
    Interpreter {
        command = List.copyOf(command);
        servers = Set.copyOf(servers);
    }

    /** An interpreter whose Python version is not known. */
    Interpreter(List<String> command, String djangoVersion, Set<String> servers) {
        this(command, djangoVersion, servers, "?");
    }

    /** The interpreter as one path, for {@code {python}} and for messages. */
    String executable() {
        return command.get(0);
    }

    /** Whether it can import the server package {@code module}. */
    boolean hasServer(String module) {
        return servers.contains(module);
    }
}
