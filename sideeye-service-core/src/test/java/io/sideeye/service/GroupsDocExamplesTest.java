package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupsDocExamplesTest {

    private static List<String> normalized(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static List<String> between(String text, String open, String close) {
        List<String> blocks = new ArrayList<>();
        for (int start = text.indexOf(open); start >= 0; start = text.indexOf(open, start + 1)) {
            int from = start + open.length();
            blocks.add(text.substring(from, text.indexOf(close, from)));
        }
        return blocks;
    }

    @Test
    void theGroupsPagesJavaExamplesAreTheCompiledOnes() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "GROUPS.md"));
        String source = Files.readString(Path.of("src/test/java/io/sideeye/service/GroupsDocExamples.java"));
        List<List<String>> documented = between(page, "```java\n", "```").stream()
                .map(GroupsDocExamplesTest::normalized).toList();
        List<List<String>> compiled = between(source, "// GROUPS:start", "// GROUPS:end").stream()
                .map(GroupsDocExamplesTest::normalized).toList();
        assertThat(compiled).hasSize(3);
        assertThat(documented).isEqualTo(compiled);
    }
}
