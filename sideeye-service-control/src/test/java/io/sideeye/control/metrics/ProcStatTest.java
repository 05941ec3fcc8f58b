package io.sideeye.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /proc/PID/stat} read directly, against its format and against OSHI's reading of it. */
class ProcStatTest {
    /** A real line of a process whose command name holds a space and a parenthesis. */
    private static final String LINE = "4242 (we(i)rd name) S 1 4242 4242 0 -1 4194560 1000 0 0 0 "
            + "150 25 0 0 20 0 3 0 12345 200000000 2560 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    @Test
    void fieldsAreCountedFromTheLastParenthesis() {
        ProcStat p = ProcStat.parse(4242, LINE);
        assertThat(p.pid()).isEqualTo(4242);
        assertThat(p.cpuMillis()).isEqualTo((150 + 25) * 10); // USER_HZ 100
        assertThat(p.residentBytes()).isEqualTo(2560L * pageSize());
        assertThat(pageSize()).isIn(4096L, 16384L, 65536L);
        assertThat(p.start()).isEqualTo(12345);
    }

    @Test
    void aLineMayEndAtTheResidentSizeWithItsLineBreak() {
        String upToRss = LINE.substring(0, LINE.indexOf(" 2560 ") + 5) + "\n";
        assertThat(ProcStat.parse(4242, upToRss)).isEqualTo(ProcStat.parse(4242, LINE));
    }

    @Test
    void aFieldThatIsNotANumberIsRejectedNamingThePid() {
        assertThatThrownBy(() -> ProcStat.parse(9, LINE.replace(" 150 25 ", " 150 x5 ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/proc/9/stat");
    }

    @Test
    void aLineThatIsNotAStatLineIsRejectedNamingThePid() {
        assertThatThrownBy(() -> ProcStat.parse(7, "7 (short) S 1 2")).hasMessageContaining("/proc/7/stat");
    }

    @Test
    void anEndedProcessIsNull() throws Exception {
        assumeThat(ProcStat.available()).isTrue();
        Process p = new ProcessBuilder(List.of("true")).start();
        p.waitFor();
        assertThat(ProcStat.read(p.pid())).isNull();
    }

    @Test
    void readsWhatOshiReads() {
        assumeThat(ProcStat.available()).isTrue();
        long self = ProcessHandle.current().pid();
        ProcStat oshi = new OshiProcesses().read(self);
        ProcStat own = ProcStat.read(self);
        assertThat(own.pid()).isEqualTo(oshi.pid());
        assertThat(own.cpuMillis()).isGreaterThanOrEqualTo(oshi.cpuMillis()).isLessThan(oshi.cpuMillis() + 2_000);
        assertThat((double) own.residentBytes()).isBetween(oshi.residentBytes() * 0.8, oshi.residentBytes() * 1.25);
    }

    private static long pageSize() {
        String[] fields = new String[30]; // fields 3 to 32, all 0 but rss (field 24): one page
        Arrays.fill(fields, "0");
        fields[24 - 3] = "1";
        return ProcStat.parse(1, "1 (x) " + String.join(" ", fields)).residentBytes();
    }
}
