package io.sideeye.service.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to spawn.
 *
 * @param command     argv; element 0 is the executable (never interpreted by a shell)
 * @param directory   working directory
 * @param environment variables added to (overriding) the inherited environment
 * @param output      receives every line the child writes, from reader threads; null discards
 *                    the lines (the output is drained all the same)
 */
public record LaunchSpec(List<String> command, Path directory, Map<String, String> environment, OutputListener output) {
    public LaunchSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
