package io.querylens.benchmarks;

import io.querylens.benchmarks.jdbc.AgentMode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;

/**
 * The side-by-side view of one overhead run: each driver's time per execute in every {@link AgentMode}, and what
 * the agent adds to it outside and inside a request, against the targets.
 *
 * <p>Two statistics, because the two kinds of noise differ. Within a fork, a neighbour's burst spoils an iteration
 * or two: the <em>median</em> of all measured iterations ignores them, and the added cost is the difference of
 * medians. Between forks, the JIT compiles a large driver differently every time (H2's lookup varies by a quarter
 * from fork to fork on the reference machine) and no number of iterations averages that out: the uncertainty of a
 * difference is therefore taken over <em>fork means</em>, a 95% Welch interval, which says honestly when a few
 * nanoseconds cannot be told apart from a microsecond's jitter. The <em>minimum</em> is shown too: interference
 * only ever adds time, so on a shared machine the fastest iteration is the least disturbed one (the argument of
 * Chen and Revels, "Robust benchmarking in noisy environments", 2016), though one lucky fork can carry it.
 */
final class OverheadSummary {
  private static final double CONFIDENCE = 0.95;

  private final Map<String, Map<AgentMode, Variant>> byDriver = new LinkedHashMap<>();
  private final double outsideTarget;
  private final double insideTarget;

  OverheadSummary(Collection<RunResult> results, double outsideTarget, double insideTarget) {
    this.outsideTarget = outsideTarget;
    this.insideTarget = insideTarget;
    for (RunResult result : results) {
      String driver = result.getParams().getParam("driver");
      AgentMode mode = AgentMode.valueOf(result.getParams().getParam("agent"));
      byDriver.computeIfAbsent(driver, d -> new LinkedHashMap<>()).put(mode, new Variant(result));
    }
  }

  void print(PrintStream out, Map<String, String> environment) {
    environment.forEach((name, value) -> out.printf(Locale.ROOT, "%-16s %s%n", name + ":", value));
    Variant any = byDriver.values().iterator().next().values().iterator().next();
    out.println();
    out.printf(Locale.ROOT, "ns per execute over %d measured iterations in %d forks: median, minimum, mean of fork"
        + " means ± 95%% CI; added = this mode - NONE on the same driver%n", any.iterations, any.forkMeans.size());
    out.printf(Locale.ROOT, "%-7s %-8s %9s %9s %19s   %9s %9s %19s %8s%n", "driver", "agent", "median", "min",
        "mean ± CI", "+median", "+min", "+mean ± CI", "ratio");
    byDriver.forEach((driver, modes) -> {
      Variant none = modes.get(AgentMode.NONE);
      for (AgentMode mode : AgentMode.values()) {
        Variant v = modes.get(mode);
        if (v == null) {
          continue;
        }
        out.printf(Locale.ROOT, "%-7s %-8s %9.1f %9.1f %19s", driver, mode, v.median, v.min,
            String.format(Locale.ROOT, "%.1f ± %s", v.mean(), format(v.interval())));
        if (mode != AgentMode.NONE && none != null) {
          out.printf(Locale.ROOT, "   %+9.1f %+9.1f %19s %8s", v.median - none.median, v.min - none.min,
              String.format(Locale.ROOT, "%+.1f ± %s", v.mean() - none.mean(), format(differenceInterval(v, none))),
              String.format(Locale.ROOT, "x%.3f", v.median / none.median));
        }
        out.println();
      }
    });

    out.println();
    out.printf(Locale.ROOT, "Targets: under %.0f ns added per execute outside a request, under %.0f ns inside one."
        + " Judged on +median; 'resolved' when the upper end of +mean's CI is under the target too.%n",
        outsideTarget, insideTarget);
    byDriver.forEach((driver, modes) -> out.printf(Locale.ROOT, "%-7s outside: %-42s inside: %s%n", driver,
        verdict(modes, AgentMode.OUTSIDE, outsideTarget), verdict(modes, AgentMode.INSIDE, insideTarget)));
  }

  private static String verdict(Map<AgentMode, Variant> modes, AgentMode mode, double target) {
    Variant none = modes.get(AgentMode.NONE);
    Variant with = modes.get(mode);
    if (none == null || with == null) {
      return "-";
    }
    double added = with.median - none.median;
    double upper = with.mean() - none.mean() + differenceInterval(with, none);
    if (added >= target) {
      return String.format(Locale.ROOT, "MISSED by %.1f ns (%+.1f)", added - target, added);
    }
    return String.format(Locale.ROOT, "met, %+.1f ns", added) + (upper < target ? ", resolved"
        : String.format(Locale.ROOT, ", not resolved (CI to %+.0f)", upper));
  }

  /**
   * Half-width of the 95% Welch interval for the difference of two variants' mean fork means; NaN with fewer than
   * two forks on either side.
   */
  static double differenceInterval(Variant a, Variant b) {
    double qa = a.variance() / a.forkMeans.size();
    double qb = b.variance() / b.forkMeans.size();
    double standardError = Math.sqrt(qa + qb);
    if (Double.isNaN(standardError)) {
      return Double.NaN;
    }
    if (standardError == 0) {
      return 0;
    }
    double degrees = (qa + qb) * (qa + qb)
        / (qa * qa / (a.forkMeans.size() - 1) + qb * qb / (b.forkMeans.size() - 1));
    return criticalValue(degrees) * standardError;
  }

  private static double criticalValue(double degreesOfFreedom) {
    return new TDistribution(degreesOfFreedom).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
  }

  private static String format(double halfWidth) {
    return Double.isNaN(halfWidth) ? "?" : String.format(Locale.ROOT, "%.1f", halfWidth);
  }

  /** One (driver, mode): the median and minimum of its measured iterations, and the mean score of each fork. */
  static final class Variant {
    final double median;
    final double min;
    final long iterations;
    final List<Double> forkMeans = new ArrayList<>();

    Variant(RunResult result) {
      median = result.getPrimaryResult().getStatistics().getPercentile(50);
      min = result.getPrimaryResult().getStatistics().getMin();
      iterations = result.getPrimaryResult().getStatistics().getN();
      for (BenchmarkResult fork : result.getBenchmarkResults()) {
        forkMeans.add(fork.getPrimaryResult().getScore());
      }
    }

    Variant(double median, double min, long iterations, List<Double> forkMeans) {
      this.median = median;
      this.min = min;
      this.iterations = iterations;
      this.forkMeans.addAll(forkMeans);
    }

    double mean() {
      return forkMeans.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Sample variance of the fork means; NaN for a single fork. */
    double variance() {
      int n = forkMeans.size();
      if (n < 2) {
        return Double.NaN;
      }
      double mean = mean();
      double sum = 0;
      for (double each : forkMeans) {
        sum += (each - mean) * (each - mean);
      }
      return sum / (n - 1);
    }

    /** Half-width of the 95% interval of the mean fork mean. */
    double interval() {
      int n = forkMeans.size();
      return n < 2 ? Double.NaN
          : variance() == 0 ? 0 : criticalValue(n - 1) * Math.sqrt(variance() / n);
    }
  }
}
