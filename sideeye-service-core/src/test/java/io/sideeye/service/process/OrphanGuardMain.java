package io.sideeye.service.process;

import io.sideeye.service.testsupport.RecordingOutput;
import io.sideeye.service.testsupport.TestServerScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A separate JVM for {@link OrphanGuardIT}: launches test servers, prints
 * {@code PIDS <pid> ...} for every process of their trees once they all run, then either
 * returns from {@code main} (a normal JVM exit: the orphan guard must end them) or blocks until
 * it is killed (its children must notice end-of-file on stdin).
 *
 * <p>Usage: {@code OrphanGuardMain exit|block <testserver flags>[;<flags of the next server>...]}
 */
public final class OrphanGuardMain {
    private OrphanGuardMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean block = "block".equals(args[0]);
        List<Long> pids = new ArrayList<>();
        for (String flags : args[1].split(";")) {
            boolean spawnsChild = flags.contains("--spawn-child");
            RecordingOutput output = new RecordingOutput();
            ChildProcess child = new SystemProcessLauncher().launch(new LaunchSpec(
                    TestServerScript.command(flags.isBlank() ? new String[0] : flags.trim().split(" ")), null,
                    Map.of(), output));
            pids.add(child.pid());
            if (spawnsChild) {
                pids.add(output.awaitStdout(TestServerScript::childPid, -1L));
            }
            output.awaitStdout(TestServerScript::listeningPort, -1);
        }
        System.out.println("PIDS " + pids.stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse(""));
        System.out.flush();
        if (block) {
            Thread.currentThread().join(); // until killed
        }
    }
}
