package io.sideeye.service.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One place where interpreter discovery looks when no {@code python} is configured. The order of
 * {@link #inOrder} is the discovery's order, and it is written only here: the project's
 * {@code .venv}, its {@code venv}, then {@code python3} and {@code python} on {@code PATH} (on
 * Windows {@code python}, then the launcher {@code py -3}). {@code sideeye doctor} lists the same
 * places.
 *
 * @param file the interpreter of one of the project's virtual environments (absolute, normalized),
 *             or null for a program on {@code PATH}
 * @param name the program looked up on {@code PATH}, or null for a file
 * @param args the arguments that select the interpreter after that program ({@code -3} of
 *             {@code py -3}); empty for a file
 */
public record PythonPlace(Path file, String name, List<String> args) {

    /** Copies {@code args}. */
    public PythonPlace {
        args = List.copyOf(args);
    }

    /**
     * The places for {@code projectDir}, in the order discovery tries them.
     *
     * @param windows whether to use Windows' virtual environment layout and programs
     */
    public static List<PythonPlace> inOrder(Path projectDir, boolean windows) {
        List<PythonPlace> places = new ArrayList<>();
        for (String venv : List.of(".venv", "venv")) {
            Path python = windows ? projectDir.resolve(venv).resolve("Scripts").resolve("python.exe")
                    : projectDir.resolve(venv).resolve("bin").resolve("python");
            places.add(new PythonPlace(python.toAbsolutePath().normalize(), null, List.of()));
        }
        for (String name : windows ? List.of("python") : List.of("python3", "python")) {
            places.add(new PythonPlace(null, name, List.of()));
        }
        if (windows) {
            places.add(new PythonPlace(null, "py", List.of("-3")));
        }
        return places;
    }

    /** The program and its arguments as a user types them, e.g. {@code py -3}; null for a file. */
    public String program() {
        return name == null ? null : String.join(" ", name, String.join(" ", args)).trim();
    }
}
