package io.sideeye.service.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutablesTest {
    @TempDir
    Path temp;

    private Path program(String dir, String name, boolean executable) throws Exception {
        Path file = Files.createDirectories(temp.resolve(dir)).resolve(name);
        Files.writeString(file, "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------"));
        return file;
    }

    @Test
    void findsTheFirstExecutableInPathOrder() throws Exception {
        program("a", "python3", false);
        Path second = program("b", "python3", true);
        program("c", "python3", true);
        String path = String.join(File.pathSeparator, temp.resolve("a").toString(), "", temp.resolve("b").toString(),
                temp.resolve("c").toString());

        assertThat(Executables.find("python3", path, "")).hasValue(second);
    }

    @Test
    void triesWindowsExtensions() throws Exception {
        Path exe = program("w", "python.exe", true);

        assertThat(Executables.find("python", temp.resolve("w").toString(), ".COM;.EXE")).hasValue(exe);
        assertThat(Executables.find("python", temp.resolve("w").toString(), "")).isEmpty();
    }

    @Test
    void findsNothingWithoutAPath() {
        assertThat(Executables.find("python3", null, "")).isEmpty();
        assertThat(Executables.find("python3", "", "")).isEmpty();
        assertThat(Executables.find("python3", temp.toString(), "")).isEmpty();
    }
}
