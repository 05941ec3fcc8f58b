package io.sideeye.service.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();

    private void feed(LineSplitter splitter, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, 0, bytes.length);
    }

    @Test
    void splitsOnLfCrLfAndLoneCr() {
        LineSplitter splitter = new LineSplitter(lines::add);
        feed(splitter, "unix\nwindows\r\nprogress 10%\rprogress 20%\rdone\n");
        assertThat(lines).containsExactly("unix", "windows", "progress 10%", "progress 20%", "done");
    }

    @Test
    void crLfSplitAcrossTwoReadsIsOneTerminator() {
        LineSplitter splitter = new LineSplitter(lines::add);
        feed(splitter, "first\r");
        feed(splitter, "\nsecond\n");
        assertThat(lines).containsExactly("first", "second");
    }

    @Test
    void keepsEmptyLinesAndEmitsTheUnterminatedRestOnFinish() {
        LineSplitter splitter = new LineSplitter(lines::add);
        feed(splitter, "a\n\n\r\nb");
        assertThat(lines).containsExactly("a", "", "");
        splitter.finish();
        assertThat(lines).containsExactly("a", "", "", "b");
    }

    @Test
    void finishWithoutPendingTextEmitsNothing() {
        LineSplitter splitter = new LineSplitter(lines::add);
        feed(splitter, "whole\n");
        splitter.finish();
        assertThat(lines).containsExactly("whole");
    }

    @Test
    void honoursTheOffsetAndCountOfEachRead() {
        LineSplitter splitter = new LineSplitter(lines::add);
        byte[] bytes = "xxhello\nyy".getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, 2, 6);
        assertThat(lines).containsExactly("hello");
    }

    @Test
    void capsALineWithoutNewlineAtTheLimit() {
        LineSplitter splitter = new LineSplitter(lines::add);
        int total = LineSplitter.MAX_LINE_BYTES * 3 + 10;
        feed(splitter, "y".repeat(total));
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).hasSize(LineSplitter.MAX_LINE_BYTES));
        splitter.finish();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).isEqualTo("y".repeat(10));
    }

    @Test
    void aLineOfExactlyTheLimitIsNotSplit() {
        LineSplitter splitter = new LineSplitter(8, lines::add);
        feed(splitter, "12345678\nnext\n");
        assertThat(lines).containsExactly("12345678", "next");
    }

    @Test
    void neverCutsAMultiByteCharacterInTwo() {
        LineSplitter splitter = new LineSplitter(8, lines::add);
        // 6 ASCII bytes, then a 3-byte euro sign that would straddle the 8-byte limit.
        feed(splitter, "abcdef\u20acgh\n");
        assertThat(lines).containsExactly("abcdef", "\u20acgh");
    }

    @Test
    void keepsAFourByteCharacterWhole() {
        LineSplitter splitter = new LineSplitter(8, lines::add);
        feed(splitter, "abcde\uD83D\uDE00z\n"); // 5 ASCII + a 4-byte emoji + 1
        assertThat(lines).containsExactly("abcde", "\uD83D\uDE00z");
    }

    @Test
    void replacesMalformedBytesInsteadOfFailing() {
        LineSplitter splitter = new LineSplitter(lines::add);
        byte[] bytes = {'o', 'k', (byte) 0xFF, (byte) 0xC3, '\n', 'f', 'i', 'n', 'e', '\n'};
        splitter.feed(bytes, 0, bytes.length);
        assertThat(lines).containsExactly("ok\uFFFD\uFFFD", "fine");
    }

    @Test
    void decodesUtf8AcrossReads() {
        LineSplitter splitter = new LineSplitter(lines::add);
        byte[] bytes = "caf\u00e9\n".getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, 0, 4); // stops inside the two-byte character
        splitter.feed(bytes, 4, bytes.length - 4);
        assertThat(lines).containsExactly("caf\u00e9");
    }

    @Test
    void rejectsALimitTooSmallForOneCharacter() {
        assertThatThrownBy(() -> new LineSplitter(3, lines::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 bytes");
    }
}
