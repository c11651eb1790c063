package io.querylens.benchmarks.cache;

import io.querylens.benchmarks.ForeignCpuProfiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * {@link ForeignCpuProfiler} for benchmarks with a server: how many CPUs' worth of work processes other than this JVM
 * <em>and the benchmark's redis-servers</em> (the cluster's nodes too, for {@code hit-cluster}) did during each
 * iteration, under the same label, so that {@link CacheSummary} keeps the iterations that ran on an otherwise quiet machine. Redis's own work is part of what
 * is measured here, not interference; counted as foreign, it would mark every iteration busy.
 *
 * <p>Linux only ({@code /proc/stat}, {@code /proc/self/stat}, {@code /proc/<pid>/stat}, all in clock ticks);
 * elsewhere nothing is recorded and every iteration counts as quiet. The servers' process ids come from
 * {@link CacheRunner} ({@link BenchRedis#PID_PROPERTY}).
 */
public final class OtherProcessesCpuProfiler implements InternalProfiler {
  private final List<Long> redisPids = BenchRedis.pidsFromRunner();
  private long[] before;

  @Override
  public String getDescription() {
    return "CPUs' worth of work processes other than this JVM and the benchmark's redis-server did per iteration";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = sample(redisPids);
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    double other = otherCpus(before, sample(redisPids));
    return Double.isNaN(other) ? List.of()
        : List.of(new ScalarResult(ForeignCpuProfiler.LABEL, other, "CPUs", AggregationPolicy.AVG));
  }

  /**
   * The machine's busy and total ticks, and those of this process plus the given ones (-1 for unknown).
   *
   * @return {busy, total, excluded}, or null if unreadable
   */
  static long[] sample(List<Long> excludedPids) {
    try {
      String[] fields = Files.readAllLines(Paths.get("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      long idle = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) { // user .. steal; guest time is already inside user
        long ticks = Long.parseLong(fields[i]);
        total += ticks;
        if (i == 4 || i == 5) { // idle, iowait
          idle += ticks;
        }
      }
      long excluded = processTicks(Paths.get("/proc/self/stat"));
      for (long pid : excludedPids) {
        if (pid > 0) {
          excluded += processTicks(Paths.get("/proc/" + pid + "/stat"));
        }
      }
      return new long[] {total - idle, total, excluded};
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  private static long processTicks(Path stat) throws IOException {
    String text = Files.readString(stat);
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" "); // from field 3, "state"
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
  }

  /** CPUs' worth of work by other processes between two samples; NaN if either is missing. */
  static double otherCpus(long[] before, long[] after) {
    if (before == null || after == null || after[1] <= before[1]) {
      return Double.NaN;
    }
    long other = (after[0] - before[0]) - (after[2] - before[2]);
    return Math.max(0, other * (double) Runtime.getRuntime().availableProcessors() / (after[1] - before[1]));
  }
}
