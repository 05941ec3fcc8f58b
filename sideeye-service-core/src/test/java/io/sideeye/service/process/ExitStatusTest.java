package io.sideeye.service.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitStatusTest {

    @Test
    void decodesSignalsFromUnixCodes() {
        assertThat(ExitStatus.of(143, true)).isEqualTo(new ExitStatus(143, "SIGTERM"));
        assertThat(ExitStatus.of(137, true)).isEqualTo(new ExitStatus(137, "SIGKILL"));
        assertThat(ExitStatus.of(130, true)).isEqualTo(new ExitStatus(130, "SIGINT"));
        assertThat(ExitStatus.of(129, true)).isEqualTo(new ExitStatus(129, "SIGHUP"));
    }

    @Test
    void ordinaryCodesCarryNoSignal() {
        assertThat(ExitStatus.of(0, true).signal()).isNull();
        assertThat(ExitStatus.of(3, true).signal()).isNull();
        assertThat(ExitStatus.of(128, true).signal()).isNull();
        assertThat(ExitStatus.of(128 + 64, true).signal()).isNull(); // no such signal
        assertThat(ExitStatus.of(-1, true).signal()).isNull();
    }

    @Test
    void windowsCodesAreNeverSignals() {
        assertThat(ExitStatus.of(143, false)).isEqualTo(new ExitStatus(143, null));
        assertThat(ExitStatus.of(1, false)).isEqualTo(new ExitStatus(1, null));
    }
}
