package io.querylens.benchmarks.cache;

import io.querylens.benchmarks.Statistics;

import io.querylens.benchmarks.ForeignCpuProfiler;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
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
    out.printf(Locale.ROOT, "  %-19s %8s  %8s %17s  %9s %18s%n", "variant", "median", "ratio", "mean ratio ± CI",
        "diff", "mean diff ± CI");
    for (String name : names) {
      double[] own = column(used, c -> score(c, name));
      out.printf(Locale.ROOT, "  %-19s %8.2f", name, Statistics.median(own));
      if (!name.equals(reference) && names.contains(reference)) {
        double[] ratios = column(used, c -> score(c, name) / score(c, reference));
        double[] diffs = column(used, c -> score(c, name) - score(c, reference));
        out.printf(Locale.ROOT, "  %8s %17s  %+9.2f %18s",
            question.miss() ? "" : String.format(Locale.ROOT, "x%.3f", Statistics.median(ratios)),
            question.miss() ? "" : plusMinus("x%.3f", ratios), Statistics.median(diffs),
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
        lines.add(within(used, "QUERYLENS", "FLOOR", CacheSummary.HIT_FLOOR_MARGIN, false));
        if (names.contains("FLOOR_MGET")) {
          lines.add(String.format(Locale.ROOT, "Where it goes: the MGET of entry, generation and '*' over a GET"
                  + " (FLOOR_MGET - FLOOR) %+.2f µs; the agent's Java side around the same round trip"
                  + " (QUERYLENS - FLOOR_MGET) %+.2f µs", medianDiff(used, "FLOOR_MGET", "FLOOR"),
              medianDiff(used, "QUERYLENS", "FLOOR_MGET")));
        }
        if (names.contains("PREVIOUS_LUA")) {
          lines.add(String.format(Locale.ROOT, "The previous design's lookup script by hand (PREVIOUS_LUA - FLOOR)"
                  + " %+.2f µs, x%.3f%s", medianDiff(used, "PREVIOUS_LUA", "FLOOR"),
              Statistics.median(column(used, c -> score(c, "PREVIOUS_LUA") / score(c, "FLOOR"))),
              names.contains("FLOOR_MGET") ? String.format(Locale.ROOT, "; the MGET instead saves"
                  + " (PREVIOUS_LUA - FLOOR_MGET) %+.2f µs", medianDiff(used, "PREVIOUS_LUA", "FLOOR_MGET")) : ""));
        }
        break;
      }
      case HIT_INVALIDATION: {
        if (names.contains("QUERYLENS_TABLES") && names.contains("QUERYLENS_UNTRACKED")) {
          lines.add(within(used, "QUERYLENS_TABLES", "QUERYLENS_UNTRACKED", CacheSummary.INVALIDATION_MARGIN, true));
        }
        for (String hit : List.of("QUERYLENS_TABLES", "QUERYLENS_UNTRACKED")) {
          if (names.contains(hit)) {
            lines.add(within(used, hit, "FLOOR", CacheSummary.HIT_FLOOR_MARGIN, false));
          }
        }
        if (names.contains("FLOOR_MGET_TABLES") && names.contains("QUERYLENS_TABLES")) {
          lines.add(String.format(Locale.ROOT, "Where it goes: the MGET of 6 keys over a GET"
                  + " (FLOOR_MGET_TABLES - FLOOR) %+.2f µs; the agent's Java side around the same round trip"
                  + " (QUERYLENS_TABLES - FLOOR_MGET_TABLES) %+.2f µs",
              medianDiff(used, "FLOOR_MGET_TABLES", "FLOOR"), medianDiff(used, "QUERYLENS_TABLES",
                  "FLOOR_MGET_TABLES")));
        }
        break;
      }
      case HIT_CLUSTER: {
        double[] ratios = column(used, c -> score(c, "QUERYLENS") / score(c, "FLOOR"));
        lines.add(String.format(Locale.ROOT, "Measured, no target: QUERYLENS / FLOOR x%.3f (%+.2f µs; mean %s)",
            Statistics.median(ratios), medianDiff(used, "QUERYLENS", "FLOOR"), plusMinus("x%.3f", ratios)));
        if (names.contains("FLOOR_TWO_MGETS")) {
          lines.add(String.format(Locale.ROOT, "Where it goes: the two MGETs (entry's slot, versions' slot) over a"
                  + " GET (FLOOR_TWO_MGETS - FLOOR) %+.2f µs; the agent's Java side around the same round trips"
                  + " (QUERYLENS - FLOOR_TWO_MGETS) %+.2f µs (mean %s)", medianDiff(used, "FLOOR_TWO_MGETS", "FLOOR"),
              medianDiff(used, "QUERYLENS", "FLOOR_TWO_MGETS"),
              plusMinus("%+.2f", column(used, c -> score(c, "QUERYLENS") - score(c, "FLOOR_TWO_MGETS")))));
        }
        break;
      }
      case HIT_SPRING: {
        for (String spring : List.of("SPRING_LETTUCE", "SPRING_JEDIS")) {
          if (!names.contains(spring)) {
            continue;
          }
          double[] ratios = column(used, c -> score(c, spring) / score(c, "QUERYLENS"));
          double ratio = Statistics.median(ratios);
          double low = Statistics.mean(ratios) - halfWidth(ratios);
          double high = Statistics.mean(ratios) + halfWidth(ratios);
          double gain = Statistics.median(column(used, c -> score(c, spring) - score(c, "QUERYLENS")));
          lines.add("Target: QUERYLENS faster than " + spring + ": " + (ratio > 1
              ? String.format(Locale.ROOT, "met, %s takes x%.3f as long (+%.2f µs)", spring, ratio, gain)
                  + (low > 1 ? ", resolved" : ", not resolved")
              : String.format(Locale.ROOT, "MISSED, %s takes x%.3f as long (%+.2f µs)", spring, ratio, gain)
                  + (high < 1 ? ", resolved" : ", not resolved")));
        }
        break;
      }
      case WRITE: {
        for (int statements : new int[] {1, 3}) {
          String tracked = "TRACKED_" + statements;
          String excluded = "EXCLUDED_" + statements;
          if (names.contains(tracked) && names.contains(excluded)) {
            double[] diffs = column(used, c -> score(c, tracked) - score(c, excluded));
            lines.add(String.format(Locale.ROOT, "Added to a transaction of %d UPDATE%s + commit by its one bump"
                    + " (%s - %s): %+.2f µs (mean %s), x%.3f", statements, statements == 1 ? "" : "s", tracked,
                excluded, Statistics.median(diffs), plusMinus("%+.2f", diffs),
                Statistics.median(column(used, c -> score(c, tracked) / score(c, excluded)))));
          }
        }
        if (names.contains("BUMP_BY_HAND_1") && names.contains("EXCLUDED_1") && names.contains("TRACKED_1")) {
          lines.add(String.format(Locale.ROOT, "Where it goes: the bump script by hand on plain Jedis"
                  + " (BUMP_BY_HAND_1 - EXCLUDED_1) %+.2f µs; the agent's Java side around it"
                  + " (TRACKED_1 - BUMP_BY_HAND_1) %+.2f µs", medianDiff(used, "BUMP_BY_HAND_1", "EXCLUDED_1"),
              medianDiff(used, "TRACKED_1", "BUMP_BY_HAND_1")));
        }
        if (names.contains("EXCLUDED_1") && names.contains("EXCLUDED_3")) {
          lines.add(String.format(Locale.ROOT, "For scale: each further UPDATE ((EXCLUDED_3 - EXCLUDED_1) / 2)"
              + " %+.2f µs", medianDiff(used, "EXCLUDED_3", "EXCLUDED_1") / 2));
        }
        lines.add("Target: one Redis command per transaction, on commit, not per statement: checked after every"
            + " iteration (INFO commandstats: exactly one EVALSHA per TRACKED_1 and TRACKED_3 call, none per"
            + " EXCLUDED_n call); a fork that saw anything else failed");
        break;
      }
      default: {
        double[] overheads = column(used, c -> score(c, "QUERYLENS") - score(c, "UNCACHED"));
        double[] floors = column(used, c -> score(c, "FLOOR"));
        double[] excess = column(used, c -> score(c, "QUERYLENS") - score(c, "UNCACHED") - score(c, "FLOOR"));
        double overhead = Statistics.median(overheads);
        double floor = Statistics.median(floors);
        double over = Statistics.median(excess);
        double low = Statistics.mean(excess) - halfWidth(excess);
        double high = Statistics.mean(excess) + halfWidth(excess);
        lines.add(String.format(Locale.ROOT, "miss - uncached = %.2f µs; 1 RTT + encode (FLOOR) = %.2f µs;"
            + " per iteration, miss - uncached - floor = %+.2f µs (mean %s)", overhead, floor, over,
            plusMinus("%+.2f", excess)));
        if (names.contains("FLOOR_PROTOCOL")) {
          lines.add(String.format(Locale.ROOT, "Where it goes: the agent's protocol by hand (FLOOR_PROTOCOL: MGET,"
                  + " encode, fill handed off) %.2f µs, of which over 1 RTT + encode"
                  + " (FLOOR_PROTOCOL - FLOOR) %+.2f µs; the agent's Java side around it"
                  + " (QUERYLENS - UNCACHED - FLOOR_PROTOCOL) %+.2f µs",
              Statistics.median(column(used, c -> score(c, "FLOOR_PROTOCOL"))),
              medianDiff(used, "FLOOR_PROTOCOL", "FLOOR"),
              Statistics.median(column(used,
                  c -> score(c, "QUERYLENS") - score(c, "UNCACHED") - score(c, "FLOOR_PROTOCOL")))));
        }
        lines.add("Target: miss - uncached under 1 RTT + encode: " + (over < 0
            ? String.format(Locale.ROOT, "met, %.2f µs under", -over) + (high < 0 ? ", resolved" : ", not resolved")
            : String.format(Locale.ROOT, "MISSED by %.2f µs (%.0f%% over)", over, 100 * over / floor)
                + (low > 0 ? ", resolved" : ", not resolved")));
        break;
      }
    }
    return lines;
  }

  /**
   * The verdict on "{@code name} within {@code margin} of {@code reference}", from the per-iteration ratios: met when
   * their median is at most {@code 1 + margin} (and, {@code twoSided}, at least {@code 1 - margin}); resolved when
   * the 95% interval of their mean lies entirely on the same side of the limit(s).
   */
  private String within(List<double[]> used, String name, String reference, double margin, boolean twoSided) {
    double[] ratios = column(used, c -> score(c, name) / score(c, reference));
    double ratio = Statistics.median(ratios);
    double mean = Statistics.mean(ratios);
    double half = halfWidth(ratios);
    double low = mean - half;
    double high = mean + half;
    double upper = 1 + margin;
    double lower = twoSided ? 1 - margin : Double.NEGATIVE_INFINITY;
    double diff = medianDiff(used, name, reference);
    String interval = String.format(Locale.ROOT, "mean x%.3f ± %.3f", mean, half);
    String verdict;
    if (ratio <= upper && ratio >= lower) {
      boolean resolved = high < upper && low > lower;
      verdict = String.format(Locale.ROOT, "met, x%.3f (%+.2f µs; %s)", ratio, diff, interval)
          + (resolved ? ", resolved" : ", not resolved");
    } else {
      boolean above = ratio > upper;
      double points = 100 * (above ? ratio - upper : lower - ratio);
      boolean resolved = above ? low > upper : high < lower;
      verdict = String.format(Locale.ROOT, "MISSED by %.1f points (x%.3f, %+.2f µs; %s)", points, ratio, diff,
          interval) + (resolved ? ", resolved" : ", not resolved");
    }
    return String.format(Locale.ROOT, "Target: %s within %.0f%% of %s: ", name, 100 * margin, reference) + verdict;
  }

  private double medianDiff(List<double[]> used, String name, String reference) {
    return Statistics.median(column(used, c -> score(c, name) - score(c, reference)));
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
    double variance = Statistics.variance(values);
    return variance == 0 ? 0
        : Statistics.criticalValue(n - 1) * Math.sqrt(variance / n);
  }

  private static String plusMinus(String format, double[] values) {
    double half = halfWidth(values);
    return String.format(Locale.ROOT, format, Statistics.mean(values)) + " ± "
        + (Double.isNaN(half) ? "?" : String.format(Locale.ROOT, format.contains("x") ? "%.3f" : "%.2f", half));
  }

  /** For tests: samples given directly, all quiet. */
  InterleavedSummary(CacheQuestion question, List<String> names, List<double[]> samples) {
    this(question, names, samples, samples, 1);
  }

  /** Samples given directly ({@link CacheResults}): every measured iteration, and the quiet ones among them. */
  InterleavedSummary(CacheQuestion question, List<String> names, List<double[]> samples, List<double[]> quiet,
      int forks) {
    this.question = question;
    this.names = names;
    this.forks = forks;
    this.samples.addAll(samples);
    this.quietSamples.addAll(quiet);
  }

  @Override
  public String toString() {
    return question + " " + names + " " + samples.stream().map(Arrays::toString).toList();
  }
}
