package io.sideeye.cli.init;

import java.util.List;
import java.util.Optional;

/** Where {@code sideeye init} asks what it cannot decide alone: a terminal, or nobody. */
public interface Questions {
    /** Nobody to ask: every choice must come from a flag. */
    Questions NONE = (question, options) -> Optional.empty();

    /** The option the user picked, or empty when there is nobody to ask. */
    Optional<String> choose(String question, List<String> options);
}
