package io.sideeye.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stat files kept open read what a fresh read by path reads, and an ended process reads as null. */
class StatFilesTest {

    @Test
    void anOpenFileReadsTheProcessAnewEachTime() {
        assumeThat(ProcStat.available()).isTrue();
        long self = ProcessHandle.current().pid();
        try (StatFiles files = new StatFiles()) {
            ProcStat first = files.read(self);
            long spin = System.nanoTime() + 300_000_000L;
            double x = 0;
            while (System.nanoTime() < spin) { // 300 ms of CPU, 30 ticks
                x += Math.sqrt(x + 1);
            }
            ProcStat again = files.read(self);
            assertThat(files.openFiles()).isEqualTo(1);
            assertThat(x).isPositive();
            assertThat(again.cpuMillis()).isGreaterThan(first.cpuMillis());
            assertThat(again.start()).isEqualTo(first.start()).isEqualTo(ProcStat.read(self).start());
            assertThat(ProcStat.read(self).cpuMillis()).isGreaterThanOrEqualTo(again.cpuMillis());
        }
    }

    @Test
    void anEndedProcessReadsAsNullAndItsFileIsClosed() throws Exception {
        assumeThat(ProcStat.available()).isTrue();
        Process p = new ProcessBuilder(List.of("sleep", "60")).start();
        try (StatFiles files = new StatFiles()) {
            assertThat(files.read(p.pid())).isNotNull();
            p.destroyForcibly().waitFor(); // ended and reaped
            assertThat(files.read(p.pid())).isNull();
            assertThat(files.openFiles()).isZero();
        }
    }

    @Test
    void filesOfProcessesNoLongerSampledAreClosed() throws Exception {
        assumeThat(ProcStat.available()).isTrue();
        long self = ProcessHandle.current().pid();
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        try (StatFiles files = new StatFiles()) {
            files.read(self);
            files.read(parent);
            assertThat(files.openFiles()).isEqualTo(2);
            files.retain(Set.of(self));
            assertThat(files.openFiles()).isEqualTo(1);
        }
    }
}
