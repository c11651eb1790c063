package io.querylens.benchmarks.cache;

import static io.querylens.benchmarks.Statistics.criticalValue;
import static io.querylens.benchmarks.Statistics.mean;
import static io.querylens.benchmarks.Statistics.median;
import static io.querylens.benchmarks.Statistics.variance;

import io.querylens.benchmarks.VariantScores;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/**
 * The side-by-side view of a cache run: per question, each variant's microseconds per call and its ratio to the
 * question's reference, then the verdict on the target.
 *
 * <p>The statistics are the JDBC overhead summary's ({@code io.querylens.benchmarks.OverheadSummary}), for the same
 * machine: numbers over <em>quiet</em> iterations, those during which processes other than the fork and its
 * redis-server used less than a threshold of CPU ({@link OtherProcessesCpuProfiler}); the <em>median</em> as the
 * estimate and differences of medians as the verdicts' basis; a 95% Welch interval over <em>fork means</em> for the
 * uncertainty of a difference (the JIT and the heap layout differ per fork, which more iterations do not average out);
 * the minimum as the least disturbed iteration; the median of all iterations beside, for a noisy machine.
 */
final class CacheSummary {
  /** The hit target: within 10% of the floor. */
  static final double HIT_FLOOR_MARGIN = 0.10;
  /** Issue #4's hit target: invalidation on within 5% of off. */
  static final double INVALIDATION_MARGIN = 0.05;

  private final Map<CacheQuestion, Map<String, VariantScores>> byQuestion = new EnumMap<>(CacheQuestion.class);
  private final double quietCpus;

  CacheSummary(Map<CacheQuestion, List<RunResult>> results, double quietCpus) {
    this.quietCpus = quietCpus;
    results.forEach((question, runs) -> {
      Map<String, VariantScores> variants = new LinkedHashMap<>();
      for (RunResult run : runs) {
        variants.put(run.getParams().getParam("path"), VariantScores.of(run, quietCpus));
      }
      byQuestion.put(question, variants);
    });
  }

  void print(PrintStream out, Map<String, String> environment, Map<CacheQuestion, InterleavedSummary> interleaved) {
    environment.forEach((name, value) -> out.printf(Locale.ROOT, "%-17s %s%n", name + ":", value));
    out.println();
    out.printf(Locale.ROOT, "µs per call. Separate forks: over the quiet measured iterations (other processes < %.2f"
        + " CPUs), median, minimum, mean of fork means ± 95%% CI, '+' and 'ratio' against the question's reference"
        + " (first row). Interleaved: per quiet iteration, each variant's mean over the same second; median and mean"
        + " ± 95%% CI of the ratio and difference to the reference. The verdicts are the interleaved ones where there"
        + " are some.%n", quietCpus);
    for (CacheQuestion question : CacheQuestion.values()) {
      Map<String, VariantScores> variants = byQuestion.get(question);
      InterleavedSummary paired = interleaved.get(question);
      if (variants == null && paired == null) {
        continue;
      }
      out.println();
      out.println(question.title + " (" + question.benchmark.getSimpleName() + ")");
      if (variants != null) {
        printForks(out, question, variants);
      }
      if (paired != null) {
        paired.print(out);
        if (variants != null) {
          for (String line : verdicts(question, variants)) {
            out.println("  (separate forks) " + line);
          }
        }
      }
      for (String line : paired != null ? paired.verdicts() : verdicts(question, variants)) {
        out.println("  " + line);
      }
    }
  }

  private void printForks(PrintStream out, CacheQuestion question, Map<String, VariantScores> variants) {
    out.printf(Locale.ROOT, "  %-19s %6s %8s %8s %16s  %8s %16s %7s  %s%n", "separate forks", "quiet", "median",
        "min", "mean ± CI", "+median", "+mean ± CI", "ratio", "median of all");
    VariantScores reference = variants.get(reference(question));
    for (String name : order(question, variants)) {
      VariantScores v = variants.get(name);
      out.printf(Locale.ROOT, "  %-19s %6s %8.2f %8.2f %16s", name, v.quiet.length + "/" + v.all.length,
          v.median(), v.min(), plusMinus("%.2f", v.mean(), v.interval()));
      if (v != reference && reference != null) {
        out.printf(Locale.ROOT, "  %+8.2f %16s %7s", v.median() - reference.median(),
            plusMinus("%+.2f", v.mean() - reference.mean(), interval(v, reference)),
            question.miss() ? "" // a ratio to next to nothing says nothing
                : String.format(Locale.ROOT, "x%.3f", v.median() / reference.median()));
      } else {
        out.printf(Locale.ROOT, "  %8s %16s %7s", "", "", "");
      }
      out.printf(Locale.ROOT, "  %.2f%n", v.allMedian());
    }
  }

  /** The row the others are compared with. */
  static String reference(CacheQuestion question) {
    switch (question) {
      case HIT_FLOOR:
      case HIT_INVALIDATION:
      case HIT_CLUSTER:
        return HitPath.FLOOR.name();
      case HIT_SPRING:
        return HitPath.QUERYLENS.name();
      case WRITE:
        return WritePath.EXCLUDED_1.name();
      default:
        return MissPath.UNCACHED.name();
    }
  }

  private static List<String> order(CacheQuestion question, Map<String, VariantScores> variants) {
    List<String> names = new ArrayList<>();
    for (String name : question.variantNames()) {
      if (variants.containsKey(name)) {
        names.add(name);
      }
    }
    return names;
  }

  static List<String> verdicts(CacheQuestion question, Map<String, VariantScores> v) {
    List<String> lines = new ArrayList<>();
    switch (question) {
      case HIT_FLOOR: {
        lines.add(withinFloor(v, "QUERYLENS"));
        VariantScores floor = v.get("FLOOR");
        VariantScores mget = v.get("FLOOR_MGET");
        VariantScores hit = v.get("QUERYLENS");
        if (floor != null && hit != null && mget != null) {
          lines.add(String.format(Locale.ROOT, "Of the %+.2f µs: the MGET over a GET (FLOOR_MGET - FLOOR)"
              + " %+.2f µs, the agent's Java side around it (QUERYLENS - FLOOR_MGET) %+.2f µs",
              hit.median() - floor.median(), mget.median() - floor.median(), hit.median() - mget.median()));
        }
        break;
      }
      case HIT_INVALIDATION: {
        lines.add(difference(v, "QUERYLENS_TABLES", "QUERYLENS_UNTRACKED", "invalidation on vs off"));
        lines.add(withinFloor(v, "QUERYLENS_TABLES"));
        lines.add(withinFloor(v, "QUERYLENS_UNTRACKED"));
        break;
      }
      case HIT_CLUSTER: {
        lines.add(difference(v, "QUERYLENS", "FLOOR", "Measured, no target: the cluster hit over the floor"));
        lines.add(difference(v, "FLOOR_TWO_MGETS", "FLOOR", "the two MGETs over a GET"));
        lines.add(difference(v, "QUERYLENS", "FLOOR_TWO_MGETS", "the agent's Java side around them"));
        break;
      }
      case WRITE: {
        lines.add(difference(v, "TRACKED_1", "EXCLUDED_1", "one bump, 1 UPDATE"));
        lines.add(difference(v, "TRACKED_3", "EXCLUDED_3", "one bump, 3 UPDATEs"));
        lines.add(difference(v, "EXCLUDED_1", "NO_AGENT_1", "the agent without a bump, 1 UPDATE, across JVMs"));
        lines.add(difference(v, "EXCLUDED_3", "NO_AGENT_3", "the agent without a bump, 3 UPDATEs, across JVMs"));
        lines.add(difference(v, "TRACKED_1", "NO_AGENT_1", "the agent with its bump, 1 UPDATE, across JVMs"));
        lines.add(difference(v, "TRACKED_3", "NO_AGENT_3", "the agent with its bump, 3 UPDATEs, across JVMs"));
        break;
      }
      case HIT_SPRING: {
        VariantScores hit = v.get("QUERYLENS");
        for (String spring : List.of("SPRING_LETTUCE", "SPRING_JEDIS")) {
          VariantScores other = v.get(spring);
          if (hit == null || other == null) {
            continue;
          }
          double gain = other.median() - hit.median();
          double low = other.mean() - hit.mean() - interval(other, hit);
          double high = other.mean() - hit.mean() + interval(other, hit);
          lines.add(String.format(Locale.ROOT, "Target: QUERYLENS faster than %s: %s", spring, gain > 0
              ? String.format(Locale.ROOT, "met, %s takes x%.2f as long (+%.2f µs)", spring,
                  other.median() / hit.median(), gain) + (low > 0 ? ", resolved" : ", not resolved")
              : String.format(Locale.ROOT, "MISSED, QUERYLENS takes x%.2f as long (+%.2f µs)",
                  hit.median() / other.median(), -gain) + (high < 0 ? ", resolved" : ", not resolved")));
        }
        if (lines.isEmpty()) {
          lines.add("Target (faster than Spring): not judged, QUERYLENS or no SPRING_* variant not run");
        }
        break;
      }
      default: {
        VariantScores uncached = v.get("UNCACHED");
        VariantScores miss = v.get("QUERYLENS");
        VariantScores floor = v.get("FLOOR");
        if (uncached == null || miss == null || floor == null) {
          lines.add("Target (miss - uncached under 1 RTT + encode): not judged, a variant was not run");
          break;
        }
        double overhead = miss.median() - uncached.median();
        double excess = overhead - floor.median();
        double meanExcess = miss.mean() - uncached.mean() - floor.mean();
        double ci = interval(miss, uncached, floor);
        lines.add(String.format(Locale.ROOT, "miss - uncached = %.2f µs; 1 RTT + encode (FLOOR) = %.2f µs; ratio"
            + " x%.2f", overhead, floor.median(), overhead / floor.median()));
        lines.add("Target: miss - uncached under 1 RTT + encode: " + (excess < 0
            ? String.format(Locale.ROOT, "met, %.2f µs under", -excess)
                + (meanExcess + ci < 0 ? ", resolved" : ", not resolved")
            : String.format(Locale.ROOT, "MISSED by %.2f µs (%.0f%% over)", excess, 100 * excess / floor.median())
                + (meanExcess - ci > 0 ? ", resolved" : ", not resolved")));
        break;
      }
    }
    lines.removeIf(line -> line == null);
    return lines;
  }

  /** The hit target of issue #3 for {@code name}, from separate forks: within 10% of FLOOR. */
  private static String withinFloor(Map<String, VariantScores> v, String name) {
    VariantScores floor = v.get("FLOOR");
    VariantScores hit = v.get(name);
    if (floor == null || hit == null) {
      return "Target (" + name + " within 10% of FLOOR): not judged, FLOOR or " + name + " not run";
    }
    double added = hit.median() - floor.median();
    double limit = HIT_FLOOR_MARGIN * floor.median();
    double low = hit.mean() - floor.mean() - interval(hit, floor);
    double high = hit.mean() - floor.mean() + interval(hit, floor);
    double meanLimit = HIT_FLOOR_MARGIN * floor.mean();
    String verdict = added <= limit
        ? String.format(Locale.ROOT, "met, +%.1f%%", 100 * added / floor.median())
            + (high < meanLimit ? ", resolved" : ", not resolved (CI to " + percent(high, floor.mean()) + ")")
        : String.format(Locale.ROOT, "MISSED by %.1f points (+%.1f%%, +%.2f µs where +%.2f µs is allowed)",
            100 * (added - limit) / floor.median(), 100 * added / floor.median(), added, limit)
            + (low > meanLimit ? ", resolved" : ", not resolved (CI from " + percent(low, floor.mean()) + ")");
    return "Target: " + name + " within 10% of FLOOR: " + verdict;
  }

  /** {@code name - reference} from separate forks: difference of medians, Welch interval of the fork means. */
  private static String difference(Map<String, VariantScores> v, String name, String reference, String what) {
    VariantScores a = v.get(name);
    VariantScores b = v.get(reference);
    if (a == null || b == null) {
      return null;
    }
    return String.format(Locale.ROOT, "%s (%s - %s): %+.2f µs (mean %s), x%.3f", what, name, reference,
        a.median() - b.median(), plusMinus("%+.2f", a.mean() - b.mean(), interval(a, b)), a.median() / b.median());
  }

  private static String percent(double value, double of) {
    return Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%+.1f%%", 100 * value / of);
  }

  /**
   * Half-width of the 95% Welch–Satterthwaite interval of a sum or difference of the variants' mean fork means (the
   * sign of each term does not matter); NaN with fewer than two forks on any.
   */
  static double interval(VariantScores... terms) {
    double sum = 0;
    double denominator = 0;
    for (VariantScores term : terms) {
      double q = variance(term.forkMeans) / term.forkMeans.length;
      sum += q;
      denominator += q * q / (term.forkMeans.length - 1);
    }
    double standardError = Math.sqrt(sum);
    if (Double.isNaN(standardError) || standardError == 0) {
      return standardError;
    }
    return criticalValue(sum * sum / denominator) * standardError;
  }

  private static String plusMinus(String format, double value, double halfWidth) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return String.format(Locale.ROOT, format, value) + " ± "
        + (Double.isNaN(halfWidth) ? "?" : String.format(Locale.ROOT, "%.2f", halfWidth));
  }
}
