package io.sideeye.cli.init;

import java.io.Console;
import java.util.List;
import java.util.Optional;

/** Questions asked on the process's terminal: a numbered list, answered by number. */
public final class TerminalQuestions implements Questions {
    private final Console console;

    private TerminalQuestions(Console console) {
        this.console = console;
    }

    /** Questions on this process's terminal, when it has one. */
    public static Optional<Questions> system() {
        return Optional.ofNullable(System.console()).map(TerminalQuestions::new);
    }

    @Override
    public Optional<String> choose(String question, List<String> options) {
        console.printf("%s%n", question);
        for (int i = 0; i < options.size(); i++) {
            console.printf("  %d) %s%n", i + 1, options.get(i));
        }
        while (true) {
            String answer = console.readLine("Number (1-%d, empty to cancel): ", options.size());
            if (answer == null || answer.isBlank()) {
                return Optional.empty();
            }
            try {
                int n = Integer.parseInt(answer.trim());
                if (n >= 1 && n <= options.size()) {
                    return Optional.of(options.get(n - 1));
                }
            } catch (NumberFormatException e) {
                // asked again below
            }
            console.printf("Please answer with a number from 1 to %d.%n", options.size());
        }
    }
}
