package io.sideeye.desktop.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The desktop shell's command line: {@code [-c FILE] [--profile NAME] [--project DIR] [--port N|auto]
 * [--python EXE] [--dev] [--check] [--help]}.
 *
 * @param config  the configuration file given with {@code -c}, or null for {@code SIDEEYE_CONFIG} or {@code ./sideeye.yaml}
 * @param profile the profile given with {@code --profile}, or null for {@code SIDEEYE_PROFILE}
 * @param project the Django project folder, or null for the default ({@code backend})
 * @param port    the port, 0 for {@code auto}, or null for the default (auto; 8000 with {@code --dev})
 * @param dev     development mode: the backend runs externally and is only monitored and called
 * @param help    the user asked for the usage text
 * @param python  the Python interpreter given with {@code --python}, or null for {@code SIDEEYE_PYTHON} or discovery
 * @param check   headless check: start the backend, check its health, call its API, stop it, exit
 */
public record DesktopArguments(Path config, String profile, Path project, Integer port, boolean dev, boolean help,
                               String python, boolean check) {

    /** Arguments without an interpreter or {@code --check}. */
    public DesktopArguments(Path config, String profile, Path project, Integer port, boolean dev, boolean help) {
        this(config, profile, project, port, dev, help, null, false);
    }

    /** Arguments without a configuration file or profile. */
    public DesktopArguments(Path project, Integer port, boolean dev, boolean help) {
        this(null, null, project, port, dev, help);
    }

    /** The usage text printed for {@code --help} and after an argument error. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: sideeye-desktop [-c FILE] [--profile NAME] [--project DIR] [--port N|auto] [--python EXE]",
            "                       [--dev] [--check]",
            "",
            "  -c, --config FILE  the configuration file (as for the sideeye command);",
            "                  default: $SIDEEYE_CONFIG, else ./sideeye.yaml when present",
            "  --profile NAME  a profile of that file; default: $SIDEEYE_PROFILE",
            "  --project DIR   the Django project folder (where manage.py lives); default: backend",
            "  --port N|auto   the port of the backend; default: auto (a free port),",
            "                  8000 with --dev",
            "  --python EXE    the Python interpreter (a name on PATH or a path); default:",
            "                  $SIDEEYE_PYTHON, else the first that can import Django",
            "  --dev           development mode: the backend is started by you, outside the app;",
            "                  the app only checks its health and calls its API",
            "  --check         no window: start the backend, check its health, call its API,",
            "                  stop it; exit 0 when all passed, 1 with the reason otherwise",
            "  --help          show this text");

    /**
     * Parses {@code args}; both {@code --port 8000} and {@code --port=8000} are accepted.
     *
     * @throws IllegalArgumentException naming the offending argument and what is allowed
     */
    public static DesktopArguments parse(List<String> args) {
        Path config = null;
        String profile = null;
        Path project = null;
        Integer port = null;
        boolean dev = false;
        boolean help = false;
        String python = null;
        boolean check = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--project" -> {
                    String value = inline != null ? inline : valueAfter(args, i++, name, "DIR");
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("--project: needs a folder, e.g. --project backend");
                    }
                    project = Path.of(value);
                }
                case "-c", "--config" -> config = Path.of(inline != null ? inline : valueAfter(args, i++, name, "FILE"));
                case "--profile" -> profile = inline != null ? inline : valueAfter(args, i++, name, "NAME");
                case "--port" -> port = parsePort(inline != null ? inline : valueAfter(args, i++, name, "N|auto"));
                case "--python" -> {
                    python = inline != null ? inline : valueAfter(args, i++, name, "EXE");
                    if (python.isBlank()) {
                        throw new IllegalArgumentException("--python: needs an interpreter, e.g. --python /usr/bin/python3");
                    }
                }
                case "--dev" -> dev = flag(name, inline);
                case "--check" -> check = flag(name, inline);
                case "--help", "-h" -> help = flag(name, inline);
                default -> throw new IllegalArgumentException("unknown argument '" + arg
                        + "'; valid: -c FILE, --profile NAME, --project DIR, --port N|auto, --python EXE, --dev, --check, --help");
            }
        }
        return new DesktopArguments(config, profile, project, port, dev, help, python, check);
    }

    private static String valueAfter(List<String> args, int index, String name, String what) {
        if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
            throw new IllegalArgumentException(name + ": needs a value (" + name + " " + what + ")");
        }
        return args.get(index + 1);
    }

    private static boolean flag(String name, String inline) {
        if (inline != null) {
            throw new IllegalArgumentException(name + " takes no value; write just " + name);
        }
        return true;
    }

    private static int parsePort(String value) {
        if (value.equalsIgnoreCase("auto")) {
            return 0;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed values
        }
        throw new IllegalArgumentException("--port: '" + value + "' is not a port; use 1 to 65535, or auto for a free port");
    }
}
