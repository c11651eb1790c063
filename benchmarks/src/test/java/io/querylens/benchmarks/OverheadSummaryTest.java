package io.querylens.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The statistics the published results quote; expected values computed independently with SciPy. */
class OverheadSummaryTest {
  private static final double[] NO_ITERATIONS = {};
  private static final VariantScores AGENT = new VariantScores(NO_ITERATIONS, NO_ITERATIONS,
      new double[] {1000, 1200, 1100, 1300});
  private static final VariantScores NONE = new VariantScores(NO_ITERATIONS, NO_ITERATIONS,
      new double[] {950, 1020, 1180, 990, 1010});

  @Test
  void intervalOfOneVariantIsStudentsOverForkMeans() {
    // scipy: stats.t.ppf(0.975, 3) * sqrt(var(ddof=1) / 4)
    assertEquals(205.426, AGENT.interval(), 0.001);
  }

  @Test
  void intervalOfADifferenceIsWelchs() {
    // scipy: Welch-Satterthwaite df = 5.116, stats.t.ppf(0.975, df) * se
    assertEquals(193.038, OverheadSummary.differenceInterval(AGENT, NONE), 0.001);
    assertEquals(193.038, OverheadSummary.differenceInterval(NONE, AGENT), 0.001);
  }

  @Test
  void oneForkHasNoInterval() {
    VariantScores single = new VariantScores(new double[] {10}, new double[] {10}, new double[] {10});
    assertTrue(Double.isNaN(single.interval()));
    assertTrue(Double.isNaN(OverheadSummary.differenceInterval(single, NONE)));
  }

  @Test
  void medianOfEvenCountIsTheMiddlePairsMean() {
    assertEquals(2.5, Statistics.median(new double[] {4, 1, 3, 2}));
    assertEquals(3, Statistics.median(new double[] {5, 1, 3}));
    assertTrue(Double.isNaN(Statistics.median(NO_ITERATIONS)));
  }
}
