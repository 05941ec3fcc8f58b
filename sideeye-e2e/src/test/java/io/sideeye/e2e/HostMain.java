package io.sideeye.e2e;

import io.sideeye.service.DjangoServiceManager;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** A host JVM for {@link HostKillIT}: runs the real backend, prints {@code CHILD <pid>}, waits to be killed. */
public final class HostMain {
    private HostMain() {
    }

    public static void main(String[] args) throws Exception {
        DjangoServiceManager m = Backend.builder(Path.of(args[0]), Path.of(args[1])).build();
        if (!m.start().get()) {
            System.out.println("FAILED " + m.getStatus().lastError());
            System.exit(3);
        }
        System.out.println("CHILD " + m.getStatus().pid() + " " + m.getStatus().port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
