package io.sideeye.desktop.install;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One app per user: the first launch holds a lock file in the user's runtime folder and listens
 * on a Unix socket beside it; a later launch finds the lock taken, asks the first over the socket
 * to bring its window forward, and exits. The lock goes with the process, however it ends, so a
 * crashed app never blocks the next launch. The folder is the user's own ({@code 0700}).
 */
public final class SingleInstance implements AutoCloseable {
    private static final String ACTIVATE = "activate\n";
    private static final String DONE = "ok\n";

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path socket;
    private final AtomicReference<Runnable> onActivate = new AtomicReference<>();
    private volatile boolean pending;
    private ServerSocketChannel server; // guarded by this; null until bound
    private boolean closed; // guarded by this

    private SingleInstance(FileChannel lockChannel, FileLock lock, Path socket) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.socket = socket;
    }

    /**
     * Becomes the one running app of this user, or returns null when another holds the lock. The
     * socket is bound by the listener's thread, so the app's start does not wait for it (opening
     * the first socket channel of the JVM costs 0.1-0.2 s on a loaded machine); a later launch
     * that comes before it is bound retries ({@link #activateRunning}).
     *
     * @param dir the user's runtime folder for the app (created {@code 0700} when missing)
     * @throws IOException when the folder or the lock file cannot be used
     */
    public static SingleInstance claim(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        FileChannel channel = FileChannel.open(dir.resolve("instance.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldByThisProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        SingleInstance instance = new SingleInstance(channel, lock, dir.resolve("instance.sock"));
        Thread listener = new Thread(instance::listen, "sideeye-desktop-instance");
        listener.setDaemon(true);
        listener.start();
        return instance;
    }

    /**
     * Asks the running app to bring its window forward; retries while it is still starting (its
     * socket not bound yet) for up to {@code patience}.
     *
     * @return true when it answered
     */
    public static boolean activateRunning(Path dir, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Path socket = dir.resolve("instance.sock");
        while (true) {
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                channel.write(ByteBuffer.wrap(ACTIVATE.getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer answer = ByteBuffer.allocate(16);
                while (answer.position() < DONE.length() && channel.read(answer) >= 0) {
                    // read the short answer
                }
                return DONE.equals(new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII));
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(100); // the first app is between taking the lock and binding its socket
            }
        }
    }

    /**
     * What to do when another launch asks for the window (called on the listener's thread). A
     * request that came before this was set is delivered now.
     */
    public void onActivate(Runnable action) {
        onActivate.set(action);
        if (pending) {
            pending = false;
            action.run();
        }
    }

    private void listen() {
        ServerSocketChannel bound;
        synchronized (this) { // close() waits for a bind under way, so no socket appears after it
            if (closed) {
                return;
            }
            try {
                Files.deleteIfExists(socket); // left by an app that was killed; the lock says none runs
                bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                bound.bind(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                System.err.println("sideeye-desktop: cannot listen on " + socket + " (" + e.getMessage()
                        + "); a later launch cannot bring this window forward and will say so");
                return;
            }
            server = bound;
        }
        serve(bound);
    }

    private void serve(ServerSocketChannel server) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                ByteBuffer request = ByteBuffer.allocate(64);
                while (request.position() < ACTIVATE.length() && client.read(request) >= 0) {
                    // read the short request
                }
                if (ACTIVATE.equals(new String(request.array(), 0, request.position(), StandardCharsets.US_ASCII))) {
                    Runnable action = onActivate.get();
                    if (action != null) {
                        action.run();
                    } else {
                        pending = true;
                    }
                    client.write(ByteBuffer.wrap(DONE.getBytes(StandardCharsets.US_ASCII)));
                }
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    /** Stops listening and releases the lock (the process's end does the same). */
    @Override
    public void close() throws IOException {
        ServerSocketChannel listening;
        synchronized (this) {
            closed = true;
            listening = server;
        }
        if (listening != null) {
            listening.close();
        }
        Files.deleteIfExists(socket);
        lock.release();
        lockChannel.close();
    }
}
