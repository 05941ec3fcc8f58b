package io.sideeye.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    void anEndedMemberIsLeftOutAndANewOneCountsFromTheNextListing() throws Exception {
        parent = new ProcessBuilder(List.of("python3", "-c", String.join("\n",
                "import subprocess, sys",
                "kids = [subprocess.Popen(['sleep', '60']) for _ in range(2)]",
                "print('up', flush=True)",
                "sys.stdin.readline(); kids[0].kill(); kids[0].wait(); print('ended', flush=True)",
                "sys.stdin.readline(); kids.append(subprocess.Popen(['sleep', '60'])); print('forked', flush=True)",
                "sys.stdin.read()"))).start();
        var out = parent.inputReader(StandardCharsets.US_ASCII);
        assertThat(out.readLine()).isEqualTo("up");
        ProcessTreeSampler sampler = new ProcessTreeSampler(Duration.ofSeconds(3));
        assertThat(sampler.sample(parent.pid()).processes()).isEqualTo(3);
        tell(parent);
        assertThat(out.readLine()).isEqualTo("ended");
        await().atMost(Duration.ofSeconds(10)).until(() -> sampler.sample(parent.pid()).processes() == 2);
        tell(parent);
        assertThat(out.readLine()).isEqualTo("forked");
        await().atMost(Duration.ofSeconds(15)).until(() -> sampler.sample(parent.pid()).processes() == 3);
        if (ProcStat.available()) {
            assertThat(sampler.openFiles()).as("one stat file per member, kept open").isEqualTo(3);
        }
        sampler.close();
        assertThat(sampler.openFiles()).isZero();
    }

    @Test
    void aMemberThatEndedBringsAListingAtTheNextSample() throws Exception {
        parent = new ProcessBuilder(List.of("python3", "-c", String.join("\n",
                "import subprocess, sys",
                "kids = [subprocess.Popen(['sleep', '60']) for _ in range(2)]",
                "print('up', flush=True)",
                "sys.stdin.readline(); kids[0].kill(); kids[0].wait()",
                "kids[0] = subprocess.Popen(['sleep', '60']); print('replaced', flush=True)",
                "sys.stdin.read()"))).start();
        var out = parent.inputReader(StandardCharsets.US_ASCII);
        assertThat(out.readLine()).isEqualTo("up");
        ProcessTreeSampler sampler = new ProcessTreeSampler(Duration.ofHours(1)); // no listing for its interval
        assertThat(sampler.sample(parent.pid()).processes()).isEqualTo(3);
        tell(parent);
        assertThat(out.readLine()).isEqualTo("replaced");
        // the sample that finds a member ended counts what it knows; the next one lists the tree
        await().atMost(Duration.ofSeconds(10)).until(() -> sampler.sample(parent.pid()).processes() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> sampler.sample(parent.pid()).processes() == 3);
        sampler.close();
    }

    private static void tell(Process p) throws java.io.IOException {
        p.getOutputStream().write('\n');
        p.getOutputStream().flush();
    }

    @Test
    void noRootNoSample() {
        assertThat(new ProcessTreeSampler().sample(null)).isEqualTo(ProcessTreeSample.NONE);
    }
}
