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
 */
record Interpreter(List<String> command, String djangoVersion, Set<String> servers) {
    Interpreter {
        command = List.copyOf(command);
        servers = Set.copyOf(servers);
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
