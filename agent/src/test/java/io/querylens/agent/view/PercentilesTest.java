package io.querylens.agent.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOfOneToTwenty() {
    Percentiles values = Percentiles.of(LongStream.rangeClosed(1, 20).map(i -> 21 - i).toArray());
    assertEquals(10, values.median(), "rank ceil(0.5 x 20) = 10");
    assertEquals(19, values.at(95), "rank ceil(0.95 x 20) = 19");
    assertEquals(20, values.max());
    assertEquals(1, values.at(1), "rank ceil(0.01 x 20) = 1");
  }

  @Test
  void theMedianOfAnEvenCountIsTheLowerMiddleValueNeverAnInterpolation() {
    assertEquals(2, Percentiles.of(4, 1, 3, 2).median());
    assertEquals(10, Percentiles.of(10L, 100L).median());
  }

  @Test
  void p95OfFewValuesIsTheLargest() {
    assertEquals(10, Percentiles.of(LongStream.rangeClosed(1, 10).toArray()).at(95), "rank ceil(9.5) = 10");
    assertEquals(7, Percentiles.of(7L).at(95));
    assertEquals(7, Percentiles.of(7L).median());
  }

  @Test
  void fractionalValues() {
    assertEquals(2.5, Percentiles.of(0.5, 2.5, 9.75).median());
  }

  @Test
  void noValuesOrAPercentileOutOfRangeIsAnError() {
    assertThrows(IllegalStateException.class, () -> Percentiles.of(new long[0]).median());
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(1L).at(0));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(1L).at(101));
  }
}
