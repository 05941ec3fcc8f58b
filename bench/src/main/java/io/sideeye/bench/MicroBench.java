package io.sideeye.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * JMH benchmarks, one fork each, results added to the table: item 8's hot paths
 * ({@link #HOT_PATHS}) and item 7's client path ({@link #API_CALL}).
 */
final class MicroBench {
    /** Event dispatch, status snapshot, line splitting. */
    static final String HOT_PATHS = "io\\.sideeye\\.bench\\.(EventDispatch|Status|LineSplit)Benchmark";
    /** apiCall against a bare HttpClient, and its steps. */
    static final String API_CALL = "io\\.sideeye\\.bench\\.ApiCallBenchmark";

    private final Table table;
    private final String prefix;

    MicroBench(Table table, String prefix) {
        this.table = table;
        this.prefix = prefix;
    }

    void run(boolean quick, String include) throws Exception {
        Options opts = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .shouldDoGC(false)
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        for (RunResult r : results) {
            var p = r.getParams();
            String name = p.getBenchmark().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1");
            String param = p.getParamsKeys().isEmpty() ? "" : " " + p.getParamsKeys().iterator().next() + "="
                    + p.getParam(p.getParamsKeys().iterator().next());
            Stats s = new Stats();
            for (var it : r.getBenchmarkResults()) {
                for (var ir : it.getIterationResults()) s.add(ir.getPrimaryResult().getScore());
            }
            table.row(prefix + name + param, r.getPrimaryResult().getScoreUnit(), s, null, true);
        }
    }
}
