package io.sideeye.service.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpMethodsTest {

    @ParameterizedTest
    @CsvSource({"get,GET", "Post,POST", "PUT,PUT", "patch,PATCH", "delete,DELETE", "HEAD,HEAD", "options,OPTIONS",
        "' put ',PUT"})
    void upperCasesTheAcceptedMethods(String method, String normalized) {
        assertThat(HttpMethods.normalize(method)).isEqualTo(normalized);
    }

    @Test
    void nullMeansGet() {
        assertThat(HttpMethods.normalize(null)).isEqualTo("GET");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "CONNECT", "FOO", "", "GET\r\nX: y", "G ET"})
    void rejectsOtherMethodsListingTheAcceptedOnes(String method) {
        assertThatThrownBy(() -> HttpMethods.normalize(method))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("method \"")
                .hasMessageEndingWith("is not supported; use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n"));
    }

    @Test
    void onlyGetAndHeadCarryNoBody() {
        assertThat(HttpMethods.ALLOWED).filteredOn(m -> !HttpMethods.allowsBody(m)).containsExactly("GET", "HEAD");
    }
}
