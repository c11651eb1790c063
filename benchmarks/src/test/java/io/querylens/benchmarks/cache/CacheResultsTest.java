package io.querylens.benchmarks.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CacheResults} splits a run's interleaved iterations by the other processes' load. */
class CacheResultsTest {
  @Test
  void quietAndBusyIterationsAreJudgedApart(@TempDir Path dir) throws Exception {
    // One fork of three iterations, FLOOR then QUERYLENS: 100/104 µs and 98/102 µs quiet, 80/90 µs busy.
    String json = "[{\"benchmark\": \"io.querylens.benchmarks.cache.HitVsFloorBenchmark.interleaved\","
        + " \"params\": {\"path\": \"FLOOR+QUERYLENS\"}, \"secondaryMetrics\": {"
        + " \"foreign.cpus\": {\"rawData\": [[0.01, 0.9, 0.02]]},"
        + " \"nanos0\": {\"rawData\": [[100000, 80000, 98000]]}, \"calls0\": {\"rawData\": [[1, 1, 1]]},"
        + " \"nanos1\": {\"rawData\": [[104000, 90000, 102000]]}, \"calls1\": {\"rawData\": [[1, 1, 1]]}}},"
        + " {\"benchmark\": \"io.querylens.benchmarks.cache.HitVsFloorBenchmark.call\"}]";
    Path file = dir.resolve("run.json");
    Files.writeString(file, json);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CacheResults.print(file, 0.25, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    int quiet = out.indexOf(" quiet iterations (");
    int busy = out.indexOf(" busy iterations (");
    int all = out.indexOf(" all iterations:");
    assertTrue(quiet > 0 && busy > quiet && all > busy, out);
    assertTrue(out.substring(quiet, busy).contains("met, x1.040"), out);
    assertTrue(out.substring(busy, all).contains("too few to judge"), out);
    assertTrue(out.substring(all).contains("met, x1.041"), out);
  }
}
