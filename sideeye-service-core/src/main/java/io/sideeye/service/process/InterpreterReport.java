package io.sideeye.service.process;

import java.util.Set;

/**
 * What a Python interpreter said about itself when {@link InterpreterCheck} asked it.
 *
 * @param executable    the interpreter's file as the check found it (a name on {@code PATH} resolved)
 * @param pythonVersion its version, e.g. {@code 3.11.2}, or {@code ?} when it did not say
 * @param djangoVersion the version Django reports, e.g. {@code 4.2.7}
 * @param servers       the server packages it can import, among {@code waitress}, {@code gunicorn}, {@code uvicorn}
 */
public record InterpreterReport(String executable, String pythonVersion, String djangoVersion, Set<String> servers) {
    /** Copies {@code servers}. */
    public InterpreterReport {
        servers = Set.copyOf(servers);
    }
}
