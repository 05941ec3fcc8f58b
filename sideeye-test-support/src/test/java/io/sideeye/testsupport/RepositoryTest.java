package io.sideeye.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The paths the suites share point into this checkout. */
class RepositoryTest {

    @Test
    void theRootHoldsTheBackendAndTheParentPom() {
        assertThat(Repository.ROOT).isAbsolute().isDirectory();
        assertThat(Repository.ROOT.resolve("pom.xml")).isRegularFile();
        assertThat(ReferenceBackend.PROJECT).isEqualTo(Repository.ROOT.resolve("backend"));
        assertThat(ReferenceBackend.PYTHON).isEqualTo(Repository.ROOT.resolve("backend/.venv/bin/python"));
    }

    @Test
    void theTestServerCommandLeavesHostAndPortToTheManager() {
        assertThat(StdlibTestServer.script()).isRegularFile().hasFileName("testserver.py");
        assertThat(StdlibTestServer.command("--echo", "x")).containsExactly("/usr/bin/python3",
                StdlibTestServer.script().toString(), "--host", "{host}", "--port", "{port}", "--echo", "x");
    }

    @Test
    void eachNewDataDirIsEmptyAndUnderTarget() {
        assertThat(ReferenceBackend.newDataDir()).isAbsolute().isEmptyDirectory()
                .isNotEqualTo(ReferenceBackend.newDataDir())
                .satisfies(d -> assertThat(d.getParent().getFileName()).hasToString("backends"));
    }
}
