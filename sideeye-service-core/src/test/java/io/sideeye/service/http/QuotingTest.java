package io.sideeye.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotingTest {

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Quoting.quote("a\"b\\c\r\nd\te\0f\u2028", 100))
                .isEqualTo("\"a\\\"b\\\\c\\r\\nd\\te\\u0000f\\u2028\"");
    }

    @Test
    void cutsLongValues() {
        assertThat(Quoting.quote("x".repeat(500), 5)).isEqualTo("\"xxxxx...\"");
        assertThat(Quoting.sanitize("line one\nline \"two\"", 100)).isEqualTo("line one\\nline \"two\"");
    }

    @Test
    void rendersNullAsAWord() {
        assertThat(Quoting.quote(null, 10)).isEqualTo("null");
    }
}
