package io.sideeye.cli.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds which process listens on a TCP port, on Linux from {@code /proc/net/tcp{,6}} and the
 * processes' open sockets in {@code /proc/<pid>/fd}. Elsewhere, or for another user's process
 * this user may not inspect, the owner is unknown.
 */
public final class PortOwner {
    private static final String LISTEN = "0A";

    /** A process: its id and command line. */
    public record Owner(long pid, String commandLine) {
        @Override
        public String toString() {
            return "pid " + pid + (commandLine.isBlank() ? "" : " (" + commandLine + ")");
        }
    }

    private final Path proc;

    /** Reads the real {@code /proc}. */
    public PortOwner() {
        this(Path.of("/proc"));
    }

    PortOwner(Path proc) {
        this.proc = proc;
    }

    /** The process listening on {@code port}, when it can be found. */
    public Optional<Owner> of(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            inodes.addAll(listeningInodes(proc.resolve(table), port));
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> pids = Files.list(proc)) {
            return pids.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> holdsAny(p, inodes)).findFirst()
                    .map(p -> new Owner(Long.parseLong(p.getFileName().toString()), commandLine(p)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Set<String> listeningInodes(Path table, int port) {
        Set<String> inodes = new HashSet<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            return inodes;
        }
        String hexPort = String.format(":%04X", port);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(LISTEN)) {
                inodes.add(f[9]);
            }
        }
        return inodes;
    }

    private static boolean holdsAny(Path pidDir, Set<String> inodes) {
        try (Stream<Path> fds = Files.list(pidDir.resolve("fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    return target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1));
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false; // gone, or not ours to inspect
        }
    }

    private static String commandLine(Path pidDir) {
        try {
            byte[] raw = Files.readAllBytes(pidDir.resolve("cmdline"));
            String s = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            return s.length() > 120 ? s.substring(0, 117) + "..." : s;
        } catch (IOException e) {
            return "";
        }
    }
}
