package io.sideeye.desktop.lifecycle;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into quit requests, so that a terminated app stops its backend
 * gracefully and visibly instead of dying with the JVM's default handler; a second signal is a
 * second quit request, which forces. Where a signal cannot be handled (e.g. on Windows) the
 * JVM's default applies, and the manager's own shutdown hook still stops the backend.
 *
 * <p>Uses {@code sun.misc.Signal} of the {@code jdk.unsupported} module, the JDK's only way to
 * handle a signal; it is reached reflectively so the build stays free of "internal API"
 * warnings and a JDK without it simply keeps the default behaviour.
 */
public final class TerminationSignals {
    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private TerminationSignals() {
    }

    /**
     * Calls {@code onQuitRequest} (on the JVM's signal thread) for every SIGTERM or SIGINT.
     *
     * @return the names of the signals now handled (empty where signals cannot be handled)
     */
    public static List<String> install(Runnable onQuitRequest) {
        List<String> handled = new ArrayList<>();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (String name : SIGNALS) {
                Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                        (proxy, method, args) -> {
                            if (method.getName().equals("handle")) {
                                LOG.info("SIG{} received: quitting", name);
                                onQuitRequest.run();
                                return null;
                            }
                            return method.invoke(onQuitRequest, args); // toString, hashCode, equals
                        });
                try {
                    handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
                    handled.add(name);
                } catch (InvocationTargetException e) {
                    LOG.debug("SIG{} cannot be handled here ({}); the JVM's default applies", name,
                            e.getCause().getMessage());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("signals cannot be handled by this JVM ({}); the JVM's defaults apply", e.toString());
        }
        return List.copyOf(handled);
    }
}
