package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's library example, run as a user runs it from the repository root (surefire's
 * working directory) against the bundled backend, with a new data directory for each run
 * (SIDEEYE_DATA_DIR, set by the POM) so that the note it adds is the only one.
 */
class LibraryExampleTest {
    private static final Path README = Path.of("README.md");
    private static final Path POM = Path.of("examples/consumer/pom.xml");
    private static final Path SOURCE = Path.of("examples/consumer/src/main/java/com/example/consumer/LibraryExample.java");

    @Test
    void startsTheBundledBackendAddsANoteAndListsIt() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LibraryExample.main(new String[0]);
        } finally {
            System.setOut(out);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        out.println(String.join("\n", lines));

        assertTrue(lines.stream().anyMatch(Pattern.compile("ready on port [1-9][0-9]*").asMatchPredicate()),
                "no 'ready on port N' line in " + lines);
        JsonNode notes = new ObjectMapper().readTree(lines.stream().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON line (the notes) in " + lines)));
        assertEquals(1, notes.path("count").asInt(), notes.toString());
        assertEquals("hello", notes.path("notes").path(0).path("title").asText(), notes.toString());
    }

    @Test
    void theReadmeShowsThisExampleWordForWord() throws IOException {
        assertEquals(readmeBlock("java"), markedLines(), "README.md's library example and " + SOURCE + " differ");
    }

    @Test
    void theReadmeShowsThisProjectsBomImportAndDependency() throws IOException {
        String version = System.getProperty("consumer.sideeye.version");
        String readme = readmeBlock("xml").replaceAll("\\s", "");
        String pom = Files.readString(POM).replaceAll("\\s", "");
        String versionElement = "<version>" + version + "</version>";
        assertTrue(readme.contains(versionElement), "README.md's BOM import is not at version " + version + ": " + readme);

        String end = "</dependencyManagement>";
        String bomImport = readme.substring(0, readme.indexOf(end) + end.length())
                .replace(versionElement, "<version>${sideeye.version}</version>");
        String dependencies = readme.substring(readme.indexOf(end) + end.length())
                .replaceFirst("^<dependencies>", "").replaceFirst("</dependencies>$", "");
        assertTrue(pom.contains(bomImport), POM + " lacks README.md's BOM import " + bomImport);
        assertTrue(pom.contains(dependencies), POM + " lacks README.md's dependency " + dependencies);
    }

    /** The first {@code language} code block after the heading "## Use it as a library". */
    private static String readmeBlock(String language) throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("\n## Use it as a library");
        assertTrue(section >= 0, "README.md has no section '## Use it as a library'");
        String fence = "```" + language + "\n";
        int start = readme.indexOf(fence, section) + fence.length();
        return readme.substring(start, readme.indexOf("```", start)).stripTrailing();
    }

    /** The lines between the README markers, without their common indentation. */
    private static String markedLines() throws IOException {
        String source = Files.readString(SOURCE);
        String block = source.substring(source.indexOf('\n', source.indexOf("// README:start")) + 1,
                source.lastIndexOf('\n', source.indexOf("// README:end")));
        return block.stripIndent().stripTrailing();
    }
}
