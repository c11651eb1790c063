package io.querylens.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One variant's measured iterations over all its forks, split by whether other processes stayed under the quiet
 * threshold ({@link ForeignCpuProfiler}): what the JDBC and cache summaries quote for a variant run in forks of its
 * own.
 */
public final class VariantScores {
  public final double[] all;
  public final double[] quiet;
  /** Per fork with a quiet iteration, the mean of its quiet iterations. */
  public final double[] forkMeans;

  public VariantScores(double[] all, double[] quiet, double[] forkMeans) {
    this.all = all;
    this.quiet = quiet;
    this.forkMeans = forkMeans;
  }

  public static VariantScores of(RunResult result, double quietCpus) {
    List<Double> all = new ArrayList<>();
    List<Double> quiet = new ArrayList<>();
    List<Double> forkMeans = new ArrayList<>();
    for (BenchmarkResult fork : result.getBenchmarkResults()) {
      double sum = 0;
      int count = 0;
      for (IterationResult iteration : fork.getIterationResults()) {
        double score = iteration.getPrimaryResult().getScore();
        all.add(score);
        if (quiet(iteration, quietCpus)) {
          quiet.add(score);
          sum += score;
          count++;
        }
      }
      if (count > 0) {
        forkMeans.add(sum / count);
      }
    }
    return new VariantScores(Statistics.toArray(all), Statistics.toArray(quiet), Statistics.toArray(forkMeans));
  }

  /** Other processes used less than {@code quietCpus} during the iteration; unknown load counts as quiet. */
  public static boolean quiet(IterationResult iteration, double quietCpus) {
    Result foreign = iteration.getSecondaryResults().get(ForeignCpuProfiler.LABEL);
    return foreign == null || foreign.getScore() < quietCpus;
  }

  public double median() {
    return Statistics.median(quiet);
  }

  public double min() {
    return Arrays.stream(quiet).min().orElse(Double.NaN);
  }

  public double mean() {
    return Statistics.mean(forkMeans);
  }

  public double allMedian() {
    return Statistics.median(all);
  }

  /** Half-width of the 95% interval of the mean fork mean; NaN for fewer than two forks. */
  public double interval() {
    int n = forkMeans.length;
    double variance = Statistics.variance(forkMeans);
    return n < 2 ? Double.NaN : variance == 0 ? 0 : Statistics.criticalValue(n - 1) * Math.sqrt(variance / n);
  }
}
