package io.sideeye.cli.init;

import java.util.List;

/**
 * Lines a user adds to a project so that the manager can supervise it, and where: {@code place}
 * is {@code at the end of <file>} for a file, or {@code in a shell} for a command to run.
 *
 * @param place where the lines go, e.g. {@code at the end of /srv/mysite/mysite/settings.py}
 * @param lines the lines, exactly as they are to be added
 */
public record Addition(String place, List<String> lines) {

    /** The lines printed under their place, indented as {@code sideeye init} prints them. */
    public String render() {
        StringBuilder text = new StringBuilder("  ").append(place).append(":\n");
        lines.forEach(line -> text.append("    ").append(line).append('\n'));
        return text.toString();
    }
}
