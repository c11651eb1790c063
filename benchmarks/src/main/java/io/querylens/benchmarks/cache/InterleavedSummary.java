package io.querylens.benchmarks.cache;

import io.querylens.benchmarks.ForeignCpuProfiler;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;

/**
 * The verdicts from {@link CacheRunner}'s interleaved forks, where every operation called each of a question's
 * variants once, in one JVM with the agent ({@link CacheBenchmarkBase#interleaved}). Each measured iteration gives
 * every variant's mean time per call over the same second; its ratio or difference to the reference is one sample,
 * and the verdicts are medians over the quiet iterations, with a 95% Student interval of their mean. Iterations of
 * one fork share that fork's JIT decisions, so the interval is somewhat optimistic; it is still a far better guide
 * than intervals over a handful of separate forks whose speed differs by ±15%.
 */
final class InterleavedSummary {
  private final CacheQuestion question;
  private final List<String> names;
  /** Per measured iteration, each variant's mean µs per call, in {@link #names}' order. */
  private final List<double[]> samples = new ArrayList<>();
  private final List<double[]> quietSamples = new ArrayList<>();
  private final int forks;

  InterleavedSummary(CacheQuestion question, List<String> names, Collection<BenchmarkResult> forkResults,
      double quietCpus) {
    this.question = question;
    this.names = names;
    this.forks = forkResults.size();
    for (BenchmarkResult fork : forkResults) {
      for (IterationResult iteration : fork.getIterationResults()) {
        Map<String, Result> counters = iteration.getSecondaryResults();
        double[] scores = new double[names.size()];
        for (int v = 0; v < scores.length; v++) {
          scores[v] = counters.get("nanos" + v).getScore() / counters.get("calls" + v).getScore() / 1000;
        }
        Result other = counters.get(ForeignCpuProfiler.LABEL);
        samples.add(scores);
        if (other == null || other.getScore() < quietCpus) {
          quietSamples.add(scores);
        }
      }
    }
  }

  /** The iterations the verdicts use: the quiet ones, or all if fewer than three were quiet. */
  private List<double[]> used() {
    return quietSamples.size() >= 3 ? quietSamples : samples;
  }

  private double score(double[] sample, String name) {
    return sample[names.indexOf(name)];
  }

  void print(PrintStream out) {
    String reference = CacheSummary.reference(question);
    List<double[]> used = used();
    out.printf(Locale.ROOT, "  Interleaved in one agent JVM: %d forks, %d iterations, %d quiet%s%n", forks,
        samples.size(), quietSamples.size(), used == samples ? " (too few: all iterations used)" : "");
    out.printf(Locale.ROOT, "  %-15s %8s  %8s %17s  %9s %18s%n", "variant", "median", "ratio", "mean ratio ± CI",
        "diff", "mean diff ± CI");
    for (String name : names) {
      double[] own = column(used, c -> score(c, name));
      out.printf(Locale.ROOT, "  %-15s %8.2f", name, CacheSummary.median(own));
      if (!name.equals(reference) && names.contains(reference)) {
        double[] ratios = column(used, c -> score(c, name) / score(c, reference));
        double[] diffs = column(used, c -> score(c, name) - score(c, reference));
        out.printf(Locale.ROOT, "  %8s %17s  %+9.2f %18s",
            question == CacheQuestion.MISS ? "" : String.format(Locale.ROOT, "x%.3f", CacheSummary.median(ratios)),
            question == CacheQuestion.MISS ? "" : plusMinus("x%.3f", ratios), CacheSummary.median(diffs),
            plusMinus("%+.2f", diffs));
      }
      out.println();
    }
  }

  List<String> verdicts() {
    List<double[]> used = used();
    List<String> lines = new ArrayList<>();
    switch (question) {
      case HIT_FLOOR: {
        double[] ratios = column(used, c -> score(c, "QUERYLENS") / score(c, "FLOOR"));
        double ratio = CacheSummary.median(ratios);
        double high = CacheSummary.mean(ratios) + halfWidth(ratios);
        double low = CacheSummary.mean(ratios) - halfWidth(ratios);
        double limit = 1 + CacheSummary.HIT_FLOOR_MARGIN;
        lines.add("Target: QUERYLENS within 10% of FLOOR: " + (ratio <= limit
            ? String.format(Locale.ROOT, "met, x%.3f", ratio) + (high < limit ? ", resolved"
                : String.format(Locale.ROOT, ", not resolved (CI to x%.3f)", high))
            : String.format(Locale.ROOT, "MISSED by %.1f points (x%.3f, +%.2f µs)", 100 * (ratio - limit), ratio,
                CacheSummary.median(column(used, c -> score(c, "QUERYLENS") - score(c, "FLOOR"))))
                + (low > limit ? ", resolved" : String.format(Locale.ROOT, ", not resolved (CI from x%.3f)", low))));
        if (names.contains("FLOOR_LUA")) {
          lines.add(String.format(Locale.ROOT, "Where it goes: the lookup script over a GET (FLOOR_LUA - FLOOR)"
                  + " %+.2f µs; the agent's Java side around the same round trip (QUERYLENS - FLOOR_LUA) %+.2f µs",
              CacheSummary.median(column(used, c -> score(c, "FLOOR_LUA") - score(c, "FLOOR"))),
              CacheSummary.median(column(used, c -> score(c, "QUERYLENS") - score(c, "FLOOR_LUA")))));
        }
        if (names.contains("FLOOR_MGET")) {
          lines.add(String.format(Locale.ROOT, "Without a script: one MGET of the same keys (FLOOR_MGET - FLOOR)"
                  + " %+.2f µs, x%.3f", CacheSummary.median(column(used, c -> score(c, "FLOOR_MGET")
                  - score(c, "FLOOR"))),
              CacheSummary.median(column(used, c -> score(c, "FLOOR_MGET") / score(c, "FLOOR")))));
        }
        break;
      }
      case HIT_SPRING: {
        for (String spring : List.of("SPRING_LETTUCE", "SPRING_JEDIS")) {
          if (!names.contains(spring)) {
            continue;
          }
          double[] ratios = column(used, c -> score(c, spring) / score(c, "QUERYLENS"));
          double ratio = CacheSummary.median(ratios);
          double low = CacheSummary.mean(ratios) - halfWidth(ratios);
          double high = CacheSummary.mean(ratios) + halfWidth(ratios);
          double gain = CacheSummary.median(column(used, c -> score(c, spring) - score(c, "QUERYLENS")));
          lines.add("Target: QUERYLENS faster than " + spring + ": " + (ratio > 1
              ? String.format(Locale.ROOT, "met, %s takes x%.3f as long (+%.2f µs)", spring, ratio, gain)
                  + (low > 1 ? ", resolved" : ", not resolved")
              : String.format(Locale.ROOT, "MISSED, %s takes x%.3f as long (%+.2f µs)", spring, ratio, gain)
                  + (high < 1 ? ", resolved" : ", not resolved")));
        }
        break;
      }
      default: {
        double[] overheads = column(used, c -> score(c, "QUERYLENS") - score(c, "UNCACHED"));
        double[] floors = column(used, c -> score(c, "FLOOR"));
        double[] excess = column(used, c -> score(c, "QUERYLENS") - score(c, "UNCACHED") - score(c, "FLOOR"));
        double overhead = CacheSummary.median(overheads);
        double floor = CacheSummary.median(floors);
        double over = CacheSummary.median(excess);
        double low = CacheSummary.mean(excess) - halfWidth(excess);
        double high = CacheSummary.mean(excess) + halfWidth(excess);
        lines.add(String.format(Locale.ROOT, "miss - uncached = %.2f µs; 1 RTT + encode (FLOOR) = %.2f µs;"
            + " per iteration, miss - uncached - floor = %+.2f µs (mean %s)", overhead, floor, over,
            plusMinus("%+.2f", excess)));
        lines.add("Target: miss - uncached under 1 RTT + encode: " + (over < 0
            ? String.format(Locale.ROOT, "met, %.2f µs under", -over) + (high < 0 ? ", resolved" : ", not resolved")
            : String.format(Locale.ROOT, "MISSED by %.2f µs (%.0f%% over)", over, 100 * over / floor)
                + (low > 0 ? ", resolved" : ", not resolved")));
        break;
      }
    }
    return lines;
  }

  private static double[] column(List<double[]> samples, ToDoubleFunction<double[]> value) {
    return samples.stream().mapToDouble(value).toArray();
  }

  /** Half-width of the 95% Student interval of the mean; NaN for fewer than two values. */
  static double halfWidth(double[] values) {
    int n = values.length;
    if (n < 2) {
      return Double.NaN;
    }
    double variance = CacheSummary.variance(values);
    return variance == 0 ? 0
        : new TDistribution(n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(variance / n);
  }

  private static String plusMinus(String format, double[] values) {
    double half = halfWidth(values);
    return String.format(Locale.ROOT, format, CacheSummary.mean(values)) + " ± "
        + (Double.isNaN(half) ? "?" : String.format(Locale.ROOT, format.contains("x") ? "%.3f" : "%.2f", half));
  }

  /** For tests: samples given directly. */
  InterleavedSummary(CacheQuestion question, List<String> names, List<double[]> samples) {
    this.question = question;
    this.names = names;
    this.forks = 1;
    this.samples.addAll(samples);
    this.quietSamples.addAll(samples);
  }

  @Override
  public String toString() {
    return question + " " + names + " " + samples.stream().map(Arrays::toString).toList();
  }
}
