package io.sideeye.bench;

import io.sideeye.service.DjangoServiceManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmarks and prints the table. Arguments: {@code [--quick] [--only a,b,...]
 * [--root DIR] [--out FILE]}; sections are readiness, stop, hang, footprint, scale, cycles, api,
 * micro, cli, desktop. {@code supervise-one} and {@code idle} are the footprint bench's child roles,
 * {@code bare-gets PORT...} the scale bench's.
 */
public final class BenchMain {
    private static final List<String> SECTIONS =
            List.of("readiness", "stop", "hang", "footprint", "scale", "cycles", "api", "micro", "cli", "desktop");

    private BenchMain() {}

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("idle")) {
            System.out.println("READY");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            return;
        }
        if (args.length > 0 && args[0].equals("bare-gets")) {
            BareGets.run(Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray());
            return;
        }
        List<String> a = Arrays.asList(args);
        Path root = Path.of(value(a, "--root", ".")).toAbsolutePath().normalize();
        Backends backends = new Backends(root);
        if (a.contains("supervise-one")) {
            superviseOne(backends);
            return;
        }
        boolean quick = a.contains("--quick");
        Set<String> only = Set.copyOf(Arrays.asList(value(a, "--only", String.join(",", SECTIONS)).split(",")));
        Path out = Path.of(value(a, "--out", "bench/target/results.tsv"));
        Path jar = Path.of(value(a, "--jar", "bench/target/sideeye-bench.jar"));
        Table table = new Table(out);
        int runs = quick ? 5 : 15;
        LifecycleBench life = new LifecycleBench(backends, table, runs);
        if (only.contains("readiness")) {
            life.readinessAndRecovery("django/waitress", backends::django, backends.backendDir);
            if (!quick) life.readinessAndRecovery("testserver", p -> backends.testServer(p), root);
        }
        if (only.contains("hang")) life.hangDetection(200, 3, 100);
        if (only.contains("stop")) life.stopLatency(500);
        if (only.contains("footprint")) new FootprintBench(table, jar, 30, quick ? 20 : 60).run();
        ScaleBench scale = new ScaleBench(backends, table, jar);
        if (only.contains("scale")) scale.many(quick ? 20 : 100, quick ? 15 : 60);
        if (only.contains("cycles")) scale.cycles(quick ? 100 : 1000);
        if (only.contains("api")) {
            new ApiCallBench(backends, table).run(quick ? 300 : 1000, quick ? 10 : 20, quick ? 50 : 150);
            new MicroBench(table, "7 jmh ").run(quick, MicroBench.API_CALL);
        }
        if (only.contains("micro")) new MicroBench(table, "8 ").run(quick, MicroBench.HOT_PATHS);
        if (only.contains("cli")) new CliLaunchBench(root, jar, table).run(quick ? 10 : 20);
        if (only.contains("desktop")) new DesktopStartBench(backends, table, root).run(quick ? 3 : 10);
    }

    /** The footprint child: supervise the Django backend at 1 s checks until stdin closes. */
    private static void superviseOne(Backends backends) throws Exception {
        int port = Backends.freePort();
        try (DjangoServiceManager m = Managers.of(backends.django(port), backends.backendDir, port).build()) {
            m.start().get(60, TimeUnit.SECONDS);
            System.out.println("BACKEND " + m.getStatus().pid() + " " + port);
            System.out.println("READY");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            m.stop().get(30, TimeUnit.SECONDS);
        }
    }

    private static String value(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }
}
