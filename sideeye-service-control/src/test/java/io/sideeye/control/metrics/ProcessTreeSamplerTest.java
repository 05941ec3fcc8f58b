package io.sideeye.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sampler on a real process tree: a Python parent with two sleeping children. */
class ProcessTreeSamplerTest {
    private Process parent;

    @AfterEach
    void stop() {
        if (parent != null) {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }

    @Test
    void theTreeIsTheRootAndEveryDescendant() throws Exception {
        parent = new ProcessBuilder(List.of("python3", "-c",
                "import subprocess, sys; kids = [subprocess.Popen(['sleep', '60']) for _ in range(2)];"
                        + " print('up', flush=True); sys.stdin.read()")).start();
        assertThat(new String(parent.getInputStream().readNBytes(3))).isEqualTo("up\n");
        ProcessTreeSampler sampler = new ProcessTreeSampler();
        ProcessTreeSample sample = sampler.sample(parent.pid());
        assertThat(sample.rootPid()).isEqualTo(parent.pid());
        assertThat(sample.processes()).isEqualTo(3);
        assertThat(sample.residentBytes()).isPositive();
    }

    @Test
    void noRootNoSample() {
        assertThat(new ProcessTreeSampler().sample(null)).isEqualTo(ProcessTreeSample.NONE);
    }
}
