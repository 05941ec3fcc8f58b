package io.sideeye.desktop.model;

import static io.sideeye.desktop.model.Statuses.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedLogTest {

    private static List<LogEntry> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new LogEntry(T0, LogKind.STDOUT, "line " + i)).toList();
    }

    @Test
    void keepsTheNewestLinesUpToTheCapacity() {
        BoundedLog log = new BoundedLog(new ArrayList<>(), 5);
        log.append(lines(0, 3));
        log.append(lines(3, 7));
        assertThat(log.lines()).extracting(LogEntry::text).containsExactly("line 2", "line 3", "line 4", "line 5", "line 6");
        assertThat(log.dropped()).isEqualTo(2);
    }

    @Test
    void aBatchLargerThanTheCapacityKeepsItsTail() {
        BoundedLog log = new BoundedLog(new ArrayList<>(), 3);
        log.append(lines(0, 2));
        log.append(lines(2, 10));
        assertThat(log.lines()).extracting(LogEntry::text).containsExactly("line 7", "line 8", "line 9");
        assertThat(log.dropped()).isEqualTo(7);
    }

    @Test
    void theDefaultCapacityHoldsFiveThousandLines() {
        BoundedLog log = new BoundedLog(new ArrayList<>(), BoundedLog.DEFAULT_CAPACITY);
        for (int i = 0; i < 12; i++) {
            log.append(lines(i * 1000, (i + 1) * 1000));
        }
        assertThat(log.lines()).hasSize(5_000);
        assertThat(log.lines().get(0).text()).isEqualTo("line 7000");
        assertThat(log.lines().get(4_999).text()).isEqualTo("line 11999");
    }

    @Test
    void clearEmptiesTheGivenList() {
        List<LogEntry> backing = new ArrayList<>(lines(0, 2));
        BoundedLog log = new BoundedLog(backing, 3);
        assertThat(backing).isEmpty();
        log.append(lines(0, 5));
        log.clear();
        assertThat(backing).isEmpty();
        assertThat(log.dropped()).isZero();
    }

    @Test
    void copiesAsOneLinePerEntryWithTimeAndStream() {
        BoundedLog log = new BoundedLog(new ArrayList<>(), 3);
        log.append(List.of(new LogEntry(T0, LogKind.STDOUT, "hello"), new LogEntry(T0, LogKind.STDERR, "oops")));
        String[] copied = log.toText().split(System.lineSeparator());
        assertThat(copied).hasSize(2);
        assertThat(copied[0]).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} stdout  hello");
        assertThat(copied[1]).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} stderr  oops");
    }

    @Test
    void rejectsACapacityBelowOne() {
        assertThatThrownBy(() -> new BoundedLog(new ArrayList<>(), 0)).hasMessageContaining("capacity: 0");
    }
}
