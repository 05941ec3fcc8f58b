package io.sideeye.service.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Answers probes from a table keyed by the interpreter's path; records what was asked. */
final class FakeProbe implements InterpreterProbe {
    private final Map<String, Object> answers = new HashMap<>();
    final List<List<String>> asked = new ArrayList<>();

    /** {@code path} has Django {@code version} and the given server packages. */
    FakeProbe django(String path, String version, String... servers) {
        answers.put(path, new Interpreter(List.of(path), version, Set.of(servers)));
        return this;
    }

    /** {@code path} fails with {@code reason}. */
    FakeProbe failing(String path, String reason) {
        answers.put(path, reason);
        return this;
    }

    @Override
    public Interpreter probe(List<String> command, Path workingDir, Map<String, String> environment) throws Failure {
        asked.add(command);
        Object answer = answers.get(command.get(0));
        if (answer instanceof Interpreter interpreter) {
            return command.size() > 1 ? interpreter : new Interpreter(command, interpreter.djangoVersion(),
                    interpreter.servers());
        }
        throw new Failure(answer == null ? "cannot be run (unknown to the fake)" : (String) answer);
    }
}
