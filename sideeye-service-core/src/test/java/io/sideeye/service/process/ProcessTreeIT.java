package io.sideeye.service.process;

import static io.sideeye.service.testsupport.TestServerScript.PYTHON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tree's two ways of finding descendants, against real processes: the children lists read
 * by the periodic refresh must find what the full scan finds, and signalling must reach members
 * no refresh has seen.
 */
class ProcessTreeIT {
    /**
     * Four generations; the first child is forked from a second thread (the kernel lists it
     * under that thread's children file), each prints its pid and then waits.
     */
    private static final String TREE = String.join("\n",
            "import os, subprocess, sys, threading, time",
            "depth = int(sys.argv[1])",
            "print(os.getpid(), flush=True)",
            "def spawn():",
            "    if depth > 0:",
            "        subprocess.Popen([sys.executable, '-c', sys.argv[2], str(depth - 1), sys.argv[2]],",
            "                         stdin=subprocess.DEVNULL)",
            "t = threading.Thread(target=spawn)",
            "t.start()",
            "t.join()",
            "time.sleep(120)");

    private Process root;
    private final List<Long> pids = new ArrayList<>();

    @AfterEach
    void killAll() {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        if (root != null) {
            root.destroyForcibly();
        }
    }

    /** Starts the four-generation tree and returns the pids it printed, root first. */
    private List<Long> startTree() throws Exception {
        root = new ProcessBuilder(PYTHON, "-c", TREE, "3", TREE).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(root.getInputStream(), StandardCharsets.UTF_8));
        for (int i = 0; i < 4; i++) {
            pids.add(Long.parseLong(out.readLine().trim()));
        }
        return pids;
    }

    private static Set<Long> pidsOf(List<ProcessHandle> handles) {
        return handles.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    @Test
    void theRefreshFindsTheSameDescendantsAsAFullScanAtEveryDepthAndThread() throws Exception {
        assumeThat(ChildrenFiles.AVAILABLE).as("Linux children lists").isTrue();
        List<Long> tree = startTree();
        ProcessHandle handle = root.toHandle();
        await().atMost(Duration.ofSeconds(10)).until(() -> handle.descendants().count() == 3);

        Set<ProcessHandle> listed = new HashSet<>();
        ChildrenFiles.addDescendants(root.pid(), listed);
        ProcessTree refreshed = new ProcessTree(handle);
        refreshed.capture();

        assertThat(listed).containsExactlyInAnyOrderElementsOf(handle.descendants().toList());
        assertThat(pidsOf(refreshed.running())).containsExactlyInAnyOrderElementsOf(tree);
    }

    @Test
    void signallingReachesEveryGenerationThatNoRefreshHasSeen() throws Exception {
        List<Long> tree = startTree();
        await().atMost(Duration.ofSeconds(10)).until(() -> root.toHandle().descendants().count() == 3);
        ProcessTree neverRefreshed = new ProcessTree(root.toHandle());
        assertThat(pidsOf(neverRefreshed.running())).containsExactly(root.pid());

        neverRefreshed.kill();

        await().atMost(Duration.ofSeconds(10)).until(neverRefreshed::isGone);
        for (long pid : tree) {
            assertThat(ProcessHandle.of(pid).filter(ProcessTree::isRunning)).as("pid %d", pid).isEmpty();
        }
    }

    @Test
    void membersSeenBeforeTheirParentDiedAreStillEnded() throws Exception {
        List<Long> tree = startTree();
        ProcessTree captured = new ProcessTree(root.toHandle());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            captured.capture();
            return captured.running().size() == 4;
        });
        ProcessHandle child = ProcessHandle.of(tree.get(1)).orElseThrow();
        child.destroyForcibly(); // its child is re-parented, out of the root's reach
        await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessTree.isRunning(child));

        captured.terminate();

        await().atMost(Duration.ofSeconds(10)).until(captured::isGone);
        assertThat(ProcessHandle.of(tree.get(3)).filter(ProcessTree::isRunning)).isEmpty();
    }
}
