package io.sideeye.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputLogsTest {
    @Test
    void aFolderNameIsMadeSafeAsTheRegexReplacementDoes() {
        for (String name : new String[] {"backend", "my-app_1.2", "my app", "Übung", "a/b\\c", "emoji\uD83D\uDE00x",
            "lone\uD800surrogate", "", "tab\there", "100%"}) {
            assertThat(OutputLogs.safe(name)).as(name).isEqualTo(name.replaceAll("[^A-Za-z0-9._-]", "_"));
        }
    }
}
