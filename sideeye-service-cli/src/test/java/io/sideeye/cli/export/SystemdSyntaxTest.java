package io.sideeye.cli.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemdSyntaxTest {

    @Test
    void plainArgumentsStayUnquoted() {
        assertThat(SystemdSyntax.commandLine(List.of("/usr/bin/python3", "-m", "waitress", "--listen=127.0.0.1:8000",
                "app.wsgi:application"))).isEqualTo("/usr/bin/python3 -m waitress --listen=127.0.0.1:8000"
                + " app.wsgi:application");
    }

    @Test
    void argumentsWithSpacesQuotesBackslashesOrSemicolonsAreQuotedAndEscaped() {
        assertThat(SystemdSyntax.commandLine(List.of("/bin/x", "a b", "say \"hi\"", "C:\\dir", ";", "", "it's")))
                .isEqualTo("/bin/x \"a b\" \"say \\\"hi\\\"\" \"C:\\\\dir\" \";\" \"\" \"it's\"");
    }

    @Test
    void specifiersAndVariablesAreNeverExpanded() {
        assertThat(SystemdSyntax.commandLine(List.of("/bin/x", "100%", "$HOME", "${USER} %n")))
                .isEqualTo("/bin/x 100%% $$HOME \"$${USER} %%n\"");
    }

    @Test
    void controlCharactersAreWrittenAsEscapes() {
        assertThat(SystemdSyntax.commandLine(List.of("/bin/x", "line1\nline2\ttab\u0001")))
                .isEqualTo("/bin/x \"line1\\nline2\\ttab\\x01\"");
    }

    @Test
    void theExecutableMustBeAbsoluteSoNoPrefixIsMisread() {
        assertThatThrownBy(() -> SystemdSyntax.commandLine(List.of("-python3", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
    }

    @Test
    void environmentAssignmentsAreQuotedWholeWithSpecifiersEscaped() {
        assertThat(SystemdSyntax.assignment("GREETING", "hello \"you\" at 100% $HOME"))
                .isEqualTo("\"GREETING=hello \\\"you\\\" at 100%% $HOME\"");
    }

    @Test
    void wholeLineValuesEscapeSpecifiersAndRefuseControlCharacters() {
        assertThat(SystemdSyntax.plain("projectDir", "/srv/my app/100%")).isEqualTo("/srv/my app/100%%");
        assertThatThrownBy(() -> SystemdSyntax.plain("projectDir", "/srv/a\nb"))
                .isInstanceOf(ExportException.class).hasMessageContaining("projectDir '/srv/a?b'")
                .hasMessageContaining("line break");
    }

    @Test
    void aTrailingBackslashNeverContinuesTheLine() {
        // In a unit file a line ending in an odd number of backslashes is joined with the next one.
        assertThat(SystemdSyntax.assignment("DIR", "C:\\")).isEqualTo("\"DIR=C:\\\\\"");
        assertThat(SystemdSyntax.commandLine(List.of("/bin/x", "C:\\"))).isEqualTo("/bin/x \"C:\\\\\"");
        assertThatThrownBy(() -> SystemdSyntax.plain("projectDir", "/srv/app\\"))
                .isInstanceOf(ExportException.class).hasMessageContaining("projectDir '/srv/app\\'")
                .hasMessageContaining("backslash");
        assertThat(SystemdSyntax.plain("projectDir", "/srv/a\\b")).isEqualTo("/srv/a\\b");
    }

    @Test
    void timeSpansInSecondsOrMilliseconds() {
        assertThat(SystemdSyntax.timeSpan(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(SystemdSyntax.timeSpan(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(SystemdSyntax.timeSpan(Duration.ofMinutes(2))).isEqualTo("120s");
        assertThat(SystemdSyntax.timeSpan(Duration.ZERO)).isEqualTo("0");
    }
}
