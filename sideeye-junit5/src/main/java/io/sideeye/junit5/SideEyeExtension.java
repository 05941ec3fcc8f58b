package io.sideeye.junit5;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.service.ServiceBuilder;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Runs a backend for JUnit Jupiter tests: starts it before they run, injects its URL, manager
 * and an API client, stops its whole process tree afterwards, and puts its last output lines
 * into the report of every test that fails.
 *
 * <p>Where the extension is declared decides how long one backend lives:
 *
 * <table>
 *   <caption>Lifetimes</caption>
 *   <tr><th>declaration</th><th>one backend for</th></tr>
 *   <tr><td>{@code @RegisterExtension static} field</td><td>all tests of the class (and its {@code @Nested} classes)</td></tr>
 *   <tr><td>{@code @RegisterExtension} instance field</td><td>each test method</td></tr>
 *   <tr><td>{@code @RegisterExtension static} field with {@link #shared()}, in a base class or
 *       a holder that several classes use</td><td>the whole test run: stopped when JUnit finishes</td></tr>
 * </table>
 *
 * <pre>{@code
 * class NotesTest {
 *     @RegisterExtension
 *     static final SideEyeExtension BACKEND = SideEyeExtension.of(DjangoServiceManager.builder()
 *             .projectDir(Path.of("backend"))
 *             .port(0));
 *
 *     @Test
 *     void createsANote(BackendClient client) {
 *         assertThat(client.post("/notes/", Map.of("title", "hello")).status()).isEqualTo(201);
 *     }
 * }
 * }</pre>
 *
 * <p>Test, lifecycle-method and constructor parameters of type {@link DjangoServiceManager},
 * {@link BackendClient}, and {@link URI} or {@link String} annotated with {@link BackendUrl} are
 * injected; the same objects come from {@link #manager()}, {@link #client()} and {@link #url()}.
 * A backend that does not start fails the tests it serves with the manager's reason and the
 * backend's last output lines. When a test (or a {@code @BeforeEach}/{@code @AfterEach} method)
 * fails, the last {@link #logLinesOnFailure(int) lines} of output are published as the report
 * entry {@value #REPORT_KEY} and attached to the failure as a suppressed {@link BackendOutput}.
 *
 * <p>Like Testcontainers' extension, it is meant for sequential execution: classes that run in
 * parallel must not share one extension instance unless it is {@link #shared()}.
 */
public final class SideEyeExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    /** The key of the report entry that carries the backend's last output lines. */
    public static final String REPORT_KEY = "sideeye.backend.log";
    /** How many output lines a failure report gets unless {@link #logLinesOnFailure(int)} says otherwise. */
    public static final int DEFAULT_LOG_LINES = 50;

    private static final Namespace NAMESPACE = Namespace.create(SideEyeExtension.class);

    private final Supplier<DjangoServiceManager> factory;
    private final boolean shared;
    private final int logLines;
    private volatile RunningBackend current;

    private SideEyeExtension(Supplier<DjangoServiceManager> factory, boolean shared, int logLines) {
        this.factory = factory;
        this.shared = shared;
        this.logLines = logLines;
    }

    /**
     * An extension that builds a manager from {@code builder} for each backend it starts (once
     * per class, per test or per run, see the class comment). Use {@code port(0)} so that tests
     * running at the same time never fight over a port.
     */
    public static SideEyeExtension of(ServiceBuilder builder) {
        Objects.requireNonNull(builder, "builder");
        return new SideEyeExtension(builder::build, false, DEFAULT_LOG_LINES);
    }

    /** An extension that asks {@code factory} for a new, not yet started manager for each backend it starts. */
    public static SideEyeExtension of(Supplier<DjangoServiceManager> factory) {
        return new SideEyeExtension(Objects.requireNonNull(factory, "factory"), false, DEFAULT_LOG_LINES);
    }

    /**
     * This extension with one backend for the whole test run: the first class that uses it starts
     * the backend, later classes reuse it, and it stops when JUnit has run every class. Keep the
     * extension in a {@code static final} field of a base class (or of a holder class whose field
     * the test classes register), so that every class registers the same instance.
     */
    public SideEyeExtension shared() {
        return new SideEyeExtension(factory, true, logLines);
    }

    /** This extension with {@code lines} output lines in a failed test's report (default {@value #DEFAULT_LOG_LINES}). */
    public SideEyeExtension logLinesOnFailure(int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("logLinesOnFailure must be 0 or more, was " + lines);
        }
        return new SideEyeExtension(factory, shared, lines);
    }

    /**
     * The manager of the running backend.
     *
     * @throws IllegalStateException when no backend is running
     */
    public DjangoServiceManager manager() {
        return running().manager();
    }

    /**
     * A client for the running backend's API.
     *
     * @throws IllegalStateException when no backend is running
     */
    public BackendClient client() {
        return running().client();
    }

    /**
     * The running backend's base URL, e.g. {@code http://127.0.0.1:41237}.
     *
     * @throws IllegalStateException when no backend is running
     */
    public URI url() {
        return running().url();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (find(context) != null) { // a @Nested class, or a later class of the run: the backend runs already
            return;
        }
        ExtensionContext scope = shared ? context.getRoot() : context;
        scope.getStore(NAMESPACE).getOrComputeIfAbsent(this, key -> start(shared ? "the test run" : "class "
                + context.getDisplayName()), RunningBackend.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (find(context) == null) { // declared in an instance field: one backend per test
            context.getStore(NAMESPACE).getOrComputeIfAbsent(this, key -> start("test " + context.getDisplayName()),
                    RunningBackend.class);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter parameter = parameterContext.getParameter();
        Class<?> type = parameter.getType();
        if (type == DjangoServiceManager.class || type == BackendClient.class) {
            return true;
        }
        return (type == URI.class || type == String.class) && parameterContext.isAnnotated(BackendUrl.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        RunningBackend backend = find(extensionContext);
        if (backend == null) {
            throw new ParameterResolutionException("No backend runs yet for " + extensionContext.getDisplayName()
                    + " to inject into " + parameterContext.getParameter() + ": a SideEyeExtension in an instance"
                    + " field starts its backend before each test, so only test and @BeforeEach/@AfterEach"
                    + " parameters can receive it; declare the field static for constructor and @BeforeAll parameters");
        }
        Class<?> type = parameterContext.getParameter().getType();
        if (type == DjangoServiceManager.class) {
            return backend.manager();
        }
        if (type == BackendClient.class) {
            return backend.client();
        }
        return type == URI.class ? backend.url() : backend.url().toString();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw report(context, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw report(context, failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw report(context, failure);
    }

    /** Publishes the backend's last output lines and attaches them to {@code failure}. */
    private Throwable report(ExtensionContext context, Throwable failure) {
        RunningBackend backend = find(context);
        if (backend != null && logLines > 0 && !isSkip(failure)) {
            BackendOutput output = BackendOutput.of(backend.manager(), logLines);
            context.publishReportEntry(REPORT_KEY, output.getMessage());
            failure.addSuppressed(output);
        }
        return failure;
    }

    /** An aborted test (a failed assumption) is no failure: its report stays as it is. */
    private static boolean isSkip(Throwable failure) {
        return failure instanceof TestAbortedException;
    }

    private RunningBackend start(String scope) {
        RunningBackend backend = RunningBackend.start(factory, scope, logLines, () -> current = null);
        current = backend;
        return backend;
    }

    /** The backend this extension runs for {@code context}: its own, or one of an enclosing scope. */
    private RunningBackend find(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(this, RunningBackend.class);
    }

    private RunningBackend running() {
        RunningBackend backend = current;
        if (backend == null) {
            throw new IllegalStateException("No backend is running: SideEyeExtension starts it before the tests"
                    + " of the class (static field) or before each test (instance field) and stops it after them");
        }
        return backend;
    }
}
