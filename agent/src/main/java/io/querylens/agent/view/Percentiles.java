package io.querylens.agent.view;

import java.util.Arrays;

/**
 * Percentiles by the nearest-rank method: the p-th percentile of n values is the value at rank ⌈p/100 × n⌉ in
 * ascending order (rank 1 is the smallest). Every result is a value that was observed, never an interpolation (a
 * "median of 2.5 queries" no request ran), and the median of an even count is the lower of the two middle values.
 */
public final class Percentiles {
  private final double[] sorted;

  private Percentiles(double[] sorted) {
    this.sorted = sorted;
  }

  public static Percentiles of(double... values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Percentiles(sorted);
  }

  public static Percentiles of(long... values) {
    return of(Arrays.stream(values).asDoubleStream().toArray());
  }

  /** @param p in (0, 100]; throws {@link IllegalStateException} if there are no values */
  public double at(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile " + p + " is not in (0, 100]");
    }
    if (sorted.length == 0) {
      throw new IllegalStateException("no values");
    }
    // The epsilon keeps 95/100 * 20 = 19.000000000000004 at rank 19, not 20.
    int rank = (int) Math.ceil(p / 100.0 * sorted.length - 1e-9);
    return sorted[Math.max(rank, 1) - 1];
  }

  public double median() {
    return at(50);
  }

  public double max() {
    return at(100);
  }

  public int size() {
    return sorted.length;
  }
}
