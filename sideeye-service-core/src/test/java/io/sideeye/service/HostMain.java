package io.sideeye.service;

import io.sideeye.testsupport.StdlibTestServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A host program for tests that must end the JVM itself: starts the test server under a
 * manager, prints {@code CHILD <pid>}, then either waits forever (to be killed) or, with the
 * argument {@code exit}, returns from main so the JVM exits normally (shutdown hook path).
 */
public final class HostMain {
    private HostMain() {
    }

    public static void main(String[] args) throws Exception {
        DjangoServiceManager m = DjangoServiceManager.builder().command(StdlibTestServer.command()).port(0)
                .runtimeDir(Path.of(args[0])).build();
        if (!m.start().get()) {
            System.out.println("FAILED " + m.getStatus().lastError());
            System.exit(3);
        }
        System.out.println("CHILD " + m.getStatus().pid());
        System.out.flush();
        if (args.length > 1 && args[1].equals("exit")) {
            return; // no close(): the JVM's shutdown hook must stop the child
        }
        new CountDownLatch(1).await();
    }
}
