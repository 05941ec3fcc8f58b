package io.sideeye.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every link from an error message into docs/TROUBLESHOOTING.md leads to one of its sections. */
class TroubleshootingLinksTest {
    private static final Pattern LINK = Pattern.compile("TROUBLESHOOTING\\s*\\+\\s*\"#([a-z0-9-]+)");

    @Test
    void everyAnchorAnErrorMessageLinksToIsAHeadingOfTheDocument() throws IOException {
        List<String> anchors = Files.readAllLines(Path.of("..", "docs", "TROUBLESHOOTING.md")).stream()
                .filter(line -> line.startsWith("#")).map(TroubleshootingLinksTest::slug).toList();
        List<String> linked;
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            linked = sources.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    Matcher m = LINK.matcher(Files.readString(p));
                    return m.results().map(r -> r.group(1)).toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(linked).contains("the-health-url-answers-404-401-403-a-redirect-or-html",
                "the-backend-does-not-become-healthy", "port-already-in-use");
        assertThat(anchors).containsAll(linked);
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens. */
    private static String slug(String heading) {
        return heading.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "")
                .replace(' ', '-');
    }
}
