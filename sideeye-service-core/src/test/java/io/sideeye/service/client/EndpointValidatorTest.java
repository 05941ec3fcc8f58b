package io.sideeye.service.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/notes/", "/notes/7/", "/notes/?page=2&q=caf%C3%A9", "/notes?x=..&y=a/../b",
        "/a.b/c..d/...", "/files/%2e/x", "/a/./b", "/search/?q=%20", "/caf\u00e9/", "/a:b/", "/~user/@x"})
    void acceptsRelativePaths(String endpoint) {
        assertThat(EndpointValidator.validate(endpoint)).isSameAs(endpoint);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("http://x", "\"http://x\" is not allowed: it is an absolute URL with a scheme"),
                Arguments.of("HTTPS://x/api", "absolute URL with a scheme"),
                Arguments.of("javascript:alert(1)", "absolute URL with a scheme"),
                Arguments.of("//evil.example", "\"//evil.example\" is not allowed: it starts with //, which names another host"),
                Arguments.of("//evil.example/api", "starts with //"),
                Arguments.of("notes/", "it does not start with /"),
                Arguments.of("", "it does not start with /"),
                Arguments.of("/../", "\"/../\" is not allowed: it contains a .. segment"),
                Arguments.of("/..", "contains a .. segment"),
                Arguments.of("/a/..", "contains a .. segment"),
                Arguments.of("/a/../b?x=1", "contains a .. segment"),
                Arguments.of("/a/%2e%2e/b", "contains a .. segment (plain or percent-encoded)"),
                Arguments.of("/a/%2E%2E/b", "contains a .. segment"),
                Arguments.of("/a/%2E./b", "contains a .. segment"),
                Arguments.of("/a/.%2e/b", "contains a .. segment"),
                Arguments.of("/a/%252e%252e/b", "contains a .. segment"),
                Arguments.of("/a/..%2fb", "contains a .. segment"),
                Arguments.of("/a/..;x/b", "contains a .. segment"),
                Arguments.of("/a\r\nX: y", "\"/a\\r\\nX: y\" is not allowed: it contains a control character"
                        + " (CR, LF, NUL or similar) at index 2"),
                Arguments.of("/a\nb", "control character"),
                Arguments.of("/a\u0000b", "\"/a\\u0000b\" is not allowed: it contains a control character"),
                Arguments.of("/a\u007fb", "control character"),
                Arguments.of("/a#b", "\"/a#b\" is not allowed: it contains a fragment (#) at index 2"),
                Arguments.of("/a b", "\"/a b\" is not allowed: it contains whitespace at index 2; percent-encode"),
                Arguments.of("/a\tb", "control character"),
                Arguments.of("/a\u00a0b", "whitespace"),
                Arguments.of("/a\\b", "it contains a backslash at index 2"),
                Arguments.of("\\\\evil\\share", "backslash"),
                Arguments.of("/a|b", "is not a valid URL path (Illegal character in path at index 2)"),
                Arguments.of("/a/%zz", "is not a valid URL path"),
                Arguments.of("/" + "x".repeat(4999), "it is 5000 characters long, more than the limit of 2048"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejectsWhatCouldLeaveTheApiBaseOrBreakTheRequest(String endpoint, String message) {
        assertThatThrownBy(() -> EndpointValidator.validate(endpoint))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoint ")
                .hasMessageContaining(message)
                .hasMessageEndingWith("; use a path relative to the API base such as /notes/ or /notes/?page=2")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n", "\u0000"));
    }

    @Test
    void quotesOnlyTheStartOfAVeryLongEndpoint() {
        assertThatThrownBy(() -> EndpointValidator.validate("/" + "x".repeat(4999)))
                .hasMessageContaining("x...\"").satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void acceptsTheLongestAllowedEndpoint() {
        String longest = "/" + "x".repeat(EndpointValidator.MAX_LENGTH - 1);

        assertThat(EndpointValidator.validate(longest)).isEqualTo(longest);
    }

    @Test
    void rejectsAMissingEndpoint() {
        assertThatThrownBy(() -> EndpointValidator.validate(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoint is missing");
    }
}
