package io.sideeye.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Item 8: the JMH micro-benchmarks, one fork each, results added to the table. */
final class MicroBench {
    private final Table table;

    MicroBench(Table table) {
        this.table = table;
    }

    void run(boolean quick) throws Exception {
        Options opts = new OptionsBuilder()
                .include("io\\.sideeye\\..*Benchmark")
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
            table.row("8 " + name + param, r.getPrimaryResult().getScoreUnit(), s, null, true);
        }
    }
}
