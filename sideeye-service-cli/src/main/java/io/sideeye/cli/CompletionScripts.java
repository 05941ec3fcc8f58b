package io.sideeye.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;

/**
 * Writes the shell completion scripts of the {@code sideeye} command (run by the build of the
 * distribution): {@code sideeye.bash} for bash, and {@code sideeye.zsh} for zsh (sourced from
 * {@code ~/.zshrc}), which loads the same completion through zsh's bash compatibility
 * ({@code bashcompinit}).
 */
public final class CompletionScripts {
    private CompletionScripts() {
    }

    /** {@code CompletionScripts DIR}: writes {@code DIR/sideeye.bash} and {@code DIR/sideeye.zsh}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CompletionScripts DIR");
            System.exit(ExitCodes.CONFIG);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        String bash = AutoComplete.bash("sideeye", FullParser.everyCommand(CliContext.system()));
        Files.writeString(dir.resolve("sideeye.bash"), bash, StandardCharsets.UTF_8);
        String zsh = "# Completion of the sideeye command for zsh: source this file from ~/.zshrc.\n"
                + "# It is the bash completion, loaded through zsh's bashcompinit.\n"
                + "(( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bash;
        Files.writeString(dir.resolve("sideeye.zsh"), zsh, StandardCharsets.UTF_8);
    }
}
