package io.querylens.benchmarks.cache;

import io.querylens.benchmarks.ForeignCpuProfiler;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;

/**
 * The verdicts from {@link CacheRunner}'s alternating forks, where a question's variants took turns, one iteration
 * each, in one JVM with the agent ({@link CacheBenchmarkBase#turn}). A <em>cycle</em> is one turn of every variant,
 * adjacent seconds of the same JVM; each cycle gives one ratio or difference, and the verdicts are medians over the
 * quiet cycles (every iteration of the cycle quiet), with a 95% Student interval of their mean. Cycles of one fork
 * share that fork's JIT decisions, so the interval is somewhat optimistic; it is still a far better guide than
 * intervals over a handful of separate forks whose speed differs by ±15%.
 */
final class AlternatingSummary {
  private final CacheQuestion question;
  private final List<String> names;
  /** Per complete cycle, each variant's score, in {@link #names}' order. */
  private final List<double[]> cycles = new ArrayList<>();
  private final List<double[]> quietCycles = new ArrayList<>();
  private final int forks;

  AlternatingSummary(CacheQuestion question, List<String> names, Collection<BenchmarkResult> forkResults,
      double quietCpus) {
    this.question = question;
    this.names = names;
    this.forks = forkResults.size();
    int k = names.size();
    for (BenchmarkResult fork : forkResults) {
      List<IterationResult> iterations = new ArrayList<>(fork.getIterationResults());
      for (int start = 0; start + k <= iterations.size(); start += k) {
        double[] scores = new double[k];
        boolean quiet = true;
        for (int j = start; j < start + k; j++) {
          IterationResult iteration = iterations.get(j);
          scores[CacheBenchmarkBase.turn(j, k)] = iteration.getPrimaryResult().getScore();
          Result other = iteration.getSecondaryResults().get(ForeignCpuProfiler.LABEL);
          quiet &= other == null || other.getScore() < quietCpus;
        }
        cycles.add(scores);
        if (quiet) {
          quietCycles.add(scores);
        }
      }
    }
  }

  /** The cycles the verdicts use: the quiet ones, or all if fewer than three were quiet. */
  private List<double[]> used() {
    return quietCycles.size() >= 3 ? quietCycles : cycles;
  }

  private double score(double[] cycle, String name) {
    return cycle[names.indexOf(name)];
  }

  void print(PrintStream out) {
    String reference = CacheSummary.reference(question);
    List<double[]> used = used();
    out.printf(Locale.ROOT, "  Alternating in one agent JVM: %d forks, %d cycles, %d quiet%s%n", forks, cycles.size(),
        quietCycles.size(), used == cycles ? " (too few: all cycles used)" : "");
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
            + " per cycle, miss - uncached - floor = %+.2f µs (mean %s)", overhead, floor, over,
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

  private static double[] column(List<double[]> cycles, ToDoubleFunction<double[]> value) {
    return cycles.stream().mapToDouble(value).toArray();
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

  /** For tests: cycles built directly. */
  AlternatingSummary(CacheQuestion question, List<String> names, List<double[]> cycles) {
    this.question = question;
    this.names = names;
    this.forks = 1;
    this.cycles.addAll(cycles);
    this.quietCycles.addAll(cycles);
  }

  @Override
  public String toString() {
    return question + " " + names + " " + cycles.stream().map(Arrays::toString).toList();
  }
}
