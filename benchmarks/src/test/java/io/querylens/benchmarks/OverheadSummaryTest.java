package io.querylens.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.benchmarks.OverheadSummary.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The intervals the published results quote; expected values computed independently with SciPy. */
class OverheadSummaryTest {
  private static final Variant AGENT = new Variant(1150, 1000, 20, List.of(1000.0, 1200.0, 1100.0, 1300.0));
  private static final Variant NONE = new Variant(1010, 950, 25, List.of(950.0, 1020.0, 1180.0, 990.0, 1010.0));

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
    Variant single = new Variant(10, 10, 5, List.of(10.0));
    assertTrue(Double.isNaN(single.interval()));
    assertTrue(Double.isNaN(OverheadSummary.differenceInterval(single, NONE)));
  }
}
