package io.sideeye.bench;

import io.sideeye.service.process.LineSplitter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Splitting a 64 KiB chunk of typical access-log output (about 80-byte lines) into lines. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LineSplitBenchmark {
    private byte[] chunk;
    private LineSplitter splitter;

    /** Fills the chunk with log lines and makes a splitter that consumes into a black hole. */
    @Setup
    public void setup(Blackhole bh) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (sb.length() < 64 * 1024 - 100) {
            sb.append("127.0.0.1 - - [26/Nov/2026 10:00:00] \"GET /api/health/ HTTP/1.1\" 200 ").append(i++).append('\n');
        }
        chunk = sb.toString().getBytes(StandardCharsets.UTF_8);
        splitter = new LineSplitter(bh::consume);
    }

    /** One 64 KiB chunk; the score is chunks per second (x 64 KiB = bytes per second). */
    @Benchmark
    public void split64KiB() {
        splitter.feed(chunk, 0, chunk.length);
    }
}
