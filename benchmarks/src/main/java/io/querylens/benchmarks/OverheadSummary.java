package io.querylens.benchmarks;

import static io.querylens.benchmarks.Statistics.criticalValue;
import static io.querylens.benchmarks.Statistics.mean;
import static io.querylens.benchmarks.Statistics.median;
import static io.querylens.benchmarks.Statistics.toArray;
import static io.querylens.benchmarks.Statistics.variance;

import io.querylens.benchmarks.jdbc.AgentMode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;

/**
 * The side-by-side view of one overhead run: each driver's time per execute in every {@link AgentMode}, and what
 * the agent adds to it outside and inside a request, against the targets.
 *
 * <p>The reference machine has two cores and is shared: other processes' bursts slow an H2 lookup two- or
 * tenfold for seconds at a time, far more than the agent could. So the numbers are taken over <em>quiet</em>
 * iterations only, those during which other processes used less than a threshold of CPU
 * ({@link ForeignCpuProfiler}); how many iterations qualified is printed beside, and the all-iteration median too.
 * Within them, the <em>median</em> is the estimate and the added cost is the difference of medians. Between forks
 * the JIT compiles a large driver differently each time, which no number of iterations averages out: the
 * uncertainty of a difference is therefore a 95% Welch interval over <em>fork means</em> (of quiet iterations),
 * which says honestly when a few nanoseconds cannot be told from a microsecond's jitter. The <em>minimum</em> is
 * shown as well: interference only ever adds time, so the fastest iteration is the least disturbed one (Chen and
 * Revels, "Robust benchmarking in noisy environments", 2016), though one lucky fork can carry it.
 */
final class OverheadSummary {

  private final Map<String, Map<AgentMode, VariantScores>> byDriver = new LinkedHashMap<>();
  private final Map<String, double[]> quietPairsByDriver = new LinkedHashMap<>();
  private final Map<String, double[]> allPairsByDriver = new LinkedHashMap<>();
  private final double outsideTarget;
  private final double insideTarget;
  private final double quietCpus;

  /** @param quietCpus an iteration is quiet if other processes used less than this many CPUs during it */
  OverheadSummary(Collection<RunResult> results, double quietCpus, double outsideTarget, double insideTarget) {
    this.quietCpus = quietCpus;
    this.outsideTarget = outsideTarget;
    this.insideTarget = insideTarget;
    for (RunResult result : results) {
      String driver = result.getParams().getParam("driver");
      AgentMode mode = AgentMode.valueOf(result.getParams().getParam("agent"));
      if (mode == AgentMode.ALTERNATING) {
        List<Double> quiet = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        pairedDifferences(result, quietCpus, quiet, all);
        quietPairsByDriver.put(driver, toArray(quiet));
        allPairsByDriver.put(driver, toArray(all));
      } else {
        byDriver.computeIfAbsent(driver, d -> new LinkedHashMap<>()).put(mode, VariantScores.of(result, quietCpus));
      }
    }
  }

  void print(PrintStream out, Map<String, String> environment) {
    environment.forEach((name, value) -> out.printf(Locale.ROOT, "%-16s %s%n", name + ":", value));
    if (!byDriver.isEmpty()) {
      printModes(out);
    }
    if (!allPairsByDriver.isEmpty()) {
      printPaired(out);
    }
  }

  private void printModes(PrintStream out) {
    out.println();
    out.printf(Locale.ROOT, "ns per execute over the quiet measured iterations (other processes < %.2f CPUs):"
        + " median, minimum, mean of fork means ± 95%% CI; '+' = this mode - NONE on the same driver%n", quietCpus);
    out.printf(Locale.ROOT, "%-7s %-16s %6s %8s %8s %17s  %8s %8s %17s %7s  %s%n", "driver", "agent", "quiet",
        "median", "min", "mean ± CI", "+median", "+min", "+mean ± CI", "ratio", "median of all");
    byDriver.forEach((driver, modes) -> {
      VariantScores none = modes.get(AgentMode.NONE);
      for (AgentMode mode : List.of(AgentMode.NONE, AgentMode.FLOOR, AgentMode.OUTSIDE, AgentMode.OUTSIDE_NO_CACHE,
          AgentMode.OUTSIDE_NO_DUPLICATES, AgentMode.INSIDE, AgentMode.INSIDE_NO_DUPLICATES)) {
        VariantScores v = modes.get(mode);
        if (v == null) {
          continue;
        }
        out.printf(Locale.ROOT, "%-7s %-16s %6s %8.1f %8.1f %17s", driver, mode, v.quiet.length + "/" + v.all.length,
            v.median(), v.min(), plusMinus("%.1f", v.mean(), v.interval()));
        if (mode != AgentMode.NONE && none != null) {
          out.printf(Locale.ROOT, "  %+8.1f %+8.1f %17s %7s", v.median() - none.median(), v.min() - none.min(),
              plusMinus("%+.1f", v.mean() - none.mean(), differenceInterval(v, none)),
              String.format(Locale.ROOT, "x%.3f", v.median() / none.median()));
        } else {
          out.printf(Locale.ROOT, "  %8s %8s %17s %7s", "", "", "", "");
        }
        out.printf(Locale.ROOT, "  %.1f%n", v.allMedian());
      }
    });

    out.println();
    out.printf(Locale.ROOT, "Targets: under %.0f ns added per execute outside a request, under %.0f ns inside one."
        + " Judged on +median; 'resolved' when the upper end of +mean's CI is under the target too.%n",
        outsideTarget, insideTarget);
    byDriver.forEach((driver, modes) -> {
      out.printf(Locale.ROOT, "%-7s outside: %-42s inside: %s%n", driver,
          verdict(modes, AgentMode.OUTSIDE, outsideTarget), verdict(modes, AgentMode.INSIDE, insideTarget));
      VariantScores floor = modes.get(AgentMode.FLOOR);
      if (floor != null) {
        out.printf(Locale.ROOT, "%-7s above the floor agent (what any -javaagent costs), +median: outside %s, "
            + "inside %s%n", driver, overFloor(modes.get(AgentMode.OUTSIDE), floor),
            overFloor(modes.get(AgentMode.INSIDE), floor));
      }
      if (modes.containsKey(AgentMode.OUTSIDE_NO_DUPLICATES) || modes.containsKey(AgentMode.INSIDE_NO_DUPLICATES)) {
        out.printf(Locale.ROOT, "%-7s reports.duplicates=false: outside: %-42s inside: %s%n", driver,
            verdict(modes, AgentMode.OUTSIDE_NO_DUPLICATES, outsideTarget),
            verdict(modes, AgentMode.INSIDE_NO_DUPLICATES, insideTarget));
      }
    });
  }

  private static String overFloor(VariantScores mode, VariantScores floor) {
    return mode == null ? "not run" : String.format(Locale.ROOT, "%+.1f ns", mode.median() - floor.median());
  }

  private void printPaired(PrintStream out) {
    out.println();
    out.printf(Locale.ROOT, "agent=ALTERNATING: ns an execute inside a request takes over one outside it, from"
        + " adjacent iterations of one JVM; the pairs whose two iterations were both quiet, then all pairs%n");
    out.printf(Locale.ROOT, "%-7s %-6s %6s %9s %19s %9s %9s%n", "driver", "pairs", "n", "median", "mean ± 95% CI",
        "min", "max");
    allPairsByDriver.forEach((driver, all) -> {
      printPairs(out, driver, "quiet", quietPairsByDriver.get(driver));
      printPairs(out, driver, "all", all);
    });
  }

  private static void printPairs(PrintStream out, String driver, String which, double[] differences) {
    double halfWidth = differences.length < 2 ? Double.NaN
        : criticalValue(differences.length - 1) * Math.sqrt(variance(differences) / differences.length);
    out.printf(Locale.ROOT, "%-7s %-6s %6d %+9.1f %19s %+9.1f %+9.1f%n", driver, which, differences.length,
        median(differences), plusMinus("%+.1f", mean(differences), halfWidth),
        Arrays.stream(differences).min().orElse(Double.NaN), Arrays.stream(differences).max().orElse(Double.NaN));
  }

  /**
   * Splits an {@link AgentMode#ALTERNATING} run's measured iterations into adjacent (outside, inside) pairs, in
   * the order they ran, and collects inside minus outside for every pair, and for the pairs quiet throughout.
   */
  static void pairedDifferences(RunResult result, double quietCpus, List<Double> quiet, List<Double> all) {
    int warmup = result.getParams().getWarmup().getCount();
    for (BenchmarkResult fork : result.getBenchmarkResults()) {
      List<IterationResult> iterations = new ArrayList<>(fork.getIterationResults());
      for (int i = 0; i + 1 < iterations.size(); i += 2) {
        IterationResult first = iterations.get(i);
        IterationResult second = iterations.get(i + 1);
        boolean firstInside = AgentMode.ALTERNATING.insideRequest(warmup + i);
        double inside = (firstInside ? first : second).getPrimaryResult().getScore();
        double outside = (firstInside ? second : first).getPrimaryResult().getScore();
        all.add(inside - outside);
        if (VariantScores.quiet(first, quietCpus) && VariantScores.quiet(second, quietCpus)) {
          quiet.add(inside - outside);
        }
      }
    }
  }

  private static String verdict(Map<AgentMode, VariantScores> modes, AgentMode mode, double target) {
    VariantScores none = modes.get(AgentMode.NONE);
    VariantScores with = modes.get(mode);
    if (none == null || with == null) {
      return "-";
    }
    double added = with.median() - none.median();
    if (Double.isNaN(added)) {
      return "no quiet iterations to judge on";
    }
    double upper = with.mean() - none.mean() + differenceInterval(with, none);
    if (added >= target) {
      return String.format(Locale.ROOT, "MISSED by %.1f ns (%+.1f)", added - target, added);
    }
    return String.format(Locale.ROOT, "met, %+.1f ns", added) + (upper < target ? ", resolved"
        : Double.isNaN(upper) ? ", not resolved (no CI)"
        : String.format(Locale.ROOT, ", not resolved (CI to %+.0f)", upper));
  }

  /**
   * Half-width of the 95% Welch interval for the difference of two variants' mean fork means; NaN with fewer than
   * two forks on either side.
   */
  static double differenceInterval(VariantScores a, VariantScores b) {
    double qa = variance(a.forkMeans) / a.forkMeans.length;
    double qb = variance(b.forkMeans) / b.forkMeans.length;
    double standardError = Math.sqrt(qa + qb);
    if (Double.isNaN(standardError) || standardError == 0) {
      return standardError;
    }
    double degrees = (qa + qb) * (qa + qb)
        / (qa * qa / (a.forkMeans.length - 1) + qb * qb / (b.forkMeans.length - 1));
    return criticalValue(degrees) * standardError;
  }

  private static String plusMinus(String format, double value, double halfWidth) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return String.format(Locale.ROOT, format, value) + " ± "
        + (Double.isNaN(halfWidth) ? "?" : String.format(Locale.ROOT, "%.1f", halfWidth));
  }
}
