package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeExamplesTest {

    private static List<String> normalized(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void theReadmesJavaExampleIsTheCompiledOne() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```java\n");
        String block = readme.substring(start + 8, readme.indexOf("```", start + 8));
        String source = Files.readString(Path.of("src/test/java/io/sideeye/service/ReadmeExamples.java"));
        String compiled = source.substring(source.indexOf("// README:start") + 15, source.indexOf("// README:end"));
        assertThat(normalized(block)).isEqualTo(normalized(compiled));
    }
}
