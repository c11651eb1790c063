package io.querylens.benchmarks.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.benchmarks.VariantScores;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdicts the published cache results quote, and the wiring the runner relies on; no benchmark runs here. */
class CacheSummaryTest {
  private static final VariantScores A = forks(1000, 1200, 1100, 1300);
  private static final VariantScores B = forks(950, 1020, 1180, 990, 1010);

  @Test
  void intervalOfASumOfThreeIsWelchSatterthwaites() {
    // scipy: q_i = var(ddof=1) / n_i; df = (sum q)^2 / sum(q^2 / (n_i - 1)) = 5.119; t.ppf(0.975, df) * sqrt(sum q)
    assertEquals(193.034, CacheSummary.interval(A, B, forks(40, 44, 41)), 0.001);
    // Two terms: the same Welch interval as the JDBC summary's (OverheadSummaryTest).
    assertEquals(193.038, CacheSummary.interval(A, B), 0.001);
    assertTrue(Double.isNaN(CacheSummary.interval(A, forks(10))));
  }

  @Test
  void hitWithinTenPercentOfTheFloorIsMet() {
    List<String> verdicts = CacheSummary.verdicts(CacheQuestion.HIT_FLOOR,
        Map.of("FLOOR", iterations(50, 50, 50.5, 49.5), "FLOOR_MGET", iterations(52, 52, 52, 52),
            "QUERYLENS", iterations(54, 54, 54, 54)));
    assertTrue(verdicts.get(0).startsWith("Target: QUERYLENS within 10% of FLOOR: met, +8.0%"), verdicts.get(0));
    assertTrue(verdicts.get(1).contains("(FLOOR_MGET - FLOOR) +2.00 µs")
        && verdicts.get(1).contains("(QUERYLENS - FLOOR_MGET) +2.00 µs"), verdicts.get(1));
  }

  @Test
  void hitOverTenPercentIsMissedBySoManyPoints() {
    List<String> verdicts = CacheSummary.verdicts(CacheQuestion.HIT_FLOOR,
        Map.of("FLOOR", iterations(50, 50, 50, 50), "QUERYLENS", iterations(60, 60, 60, 60)));
    assertTrue(verdicts.get(0).contains("MISSED by 10.0 points (+20.0%, +10.00 µs where +5.00 µs is allowed)"),
        verdicts.get(0));
  }

  @Test
  void springSlowerThanTheAgentIsMet() {
    List<String> verdicts = CacheSummary.verdicts(CacheQuestion.HIT_SPRING,
        Map.of("QUERYLENS", iterations(50, 51, 50, 49), "SPRING_LETTUCE", iterations(100, 101, 99, 100)));
    assertEquals(1, verdicts.size());
    assertTrue(verdicts.get(0).startsWith("Target: QUERYLENS faster than SPRING_LETTUCE: met, SPRING_LETTUCE takes"
        + " x2.00 as long (+50.00 µs), resolved"), verdicts.get(0));
  }

  @Test
  void missOverheadIsComparedWithOneRoundTripPlusTheEncode() {
    List<String> verdicts = CacheSummary.verdicts(CacheQuestion.MISS,
        Map.of("UNCACHED", iterations(0.01, 0.01, 0.01, 0.01), "QUERYLENS", iterations(40.01, 40.01, 40.01, 40.01),
            "FLOOR", iterations(30, 30, 30, 30)));
    assertEquals("miss - uncached = 40.00 µs; 1 RTT + encode (FLOOR) = 30.00 µs; ratio x1.33", verdicts.get(0));
    assertTrue(verdicts.get(1).startsWith("Target: miss - uncached under 1 RTT + encode: MISSED by 10.00 µs (33%"),
        verdicts.get(1));
  }

  @Test
  void everyParamOfEveryBenchmarkIsAVariant() {
    for (CacheQuestion question : CacheQuestion.values()) {
      assertFalse(question.variantNames().isEmpty());
      for (String name : question.variantNames()) {
        question.variant(name);
      }
      assertTrue(question.variantNames().contains(CacheSummary.reference(question)), question.toString());
      assertEquals(question, CacheQuestion.ofOption(question.option()));
    }
  }

  @Test
  void interleavedVerdictsComeFromPerIterationRatios() {
    // FLOOR, FLOOR_MGET, QUERYLENS: the floor drifts from 100 to 140 µs, the agent stays 5% above it.
    List<double[]> cycles = List.of(new double[] {100, 102, 105}, new double[] {120, 122, 126},
        new double[] {140, 143, 147}, new double[] {110, 112, 115.5});
    List<String> verdicts = new InterleavedSummary(CacheQuestion.HIT_FLOOR,
        List.of("FLOOR", "FLOOR_MGET", "QUERYLENS"), cycles).verdicts();
    assertTrue(verdicts.get(0).startsWith("Target: QUERYLENS within 10% of FLOOR: met, x1.050 (+"),
        verdicts.get(0));
    assertTrue(verdicts.get(0).endsWith("mean x1.050 ± 0.000), resolved"), verdicts.get(0));
    assertTrue(verdicts.get(1).contains("(FLOOR_MGET - FLOOR) +2.00 µs"), verdicts.get(1));
  }

  @Test
  void invalidationOnVersusOffIsJudgedBothWays() {
    // FLOOR, FLOOR_MGET_TABLES, QUERYLENS_TABLES, QUERYLENS_UNTRACKED
    List<String> names = List.of("FLOOR", "FLOOR_MGET_TABLES", "QUERYLENS_TABLES", "QUERYLENS_UNTRACKED");
    List<String> close = new InterleavedSummary(CacheQuestion.HIT_INVALIDATION, names, List.of(
        new double[] {100, 101, 104, 103}, new double[] {120, 121, 125, 123.5},
        new double[] {110, 111, 114.2, 113.4})).verdicts();
    assertTrue(close.get(0).startsWith("Target: QUERYLENS_TABLES within 5% of QUERYLENS_UNTRACKED: met, x1.01"),
        close.get(0));
    assertTrue(close.get(1).startsWith("Target: QUERYLENS_TABLES within 10% of FLOOR: met, x1.04"), close.get(1));
    assertTrue(close.get(2).startsWith("Target: QUERYLENS_UNTRACKED within 10% of FLOOR: met"), close.get(2));
    assertTrue(close.get(3).contains("(QUERYLENS_TABLES - FLOOR_MGET_TABLES) +3.20 µs"), close.get(3));
    // Invalidation off 10% slower than on is as far apart as the other way round.
    List<String> apart = new InterleavedSummary(CacheQuestion.HIT_INVALIDATION, names, List.of(
        new double[] {100, 101, 100, 110}, new double[] {100, 101, 100, 111}, new double[] {100, 101, 100, 109}))
        .verdicts();
    assertTrue(apart.get(0).startsWith("Target: QUERYLENS_TABLES within 5% of QUERYLENS_UNTRACKED: MISSED by 4.1"
        + " points (x0.909"), apart.get(0));
    assertTrue(apart.get(0).endsWith(", resolved"), apart.get(0));
  }

  @Test
  void clusterHitIsMeasuredAgainstTheFloorAndTheTwoMgetsByHand() {
    // FLOOR, FLOOR_TWO_MGETS, QUERYLENS: the hit 50% over the floor, 10 µs over the two MGETs by hand.
    List<String> verdicts = new InterleavedSummary(CacheQuestion.HIT_CLUSTER, CacheQuestion.HIT_CLUSTER.variantNames(),
        List.of(new double[] {100, 140, 150}, new double[] {120, 158, 168}, new double[] {110, 155, 165})).verdicts();
    assertTrue(verdicts.get(0).startsWith("Measured, no target: QUERYLENS / FLOOR x1.500 (+50.00 µs"),
        verdicts.get(0));
    assertTrue(verdicts.get(1).contains("(FLOOR_TWO_MGETS - FLOOR) +40.00 µs"), verdicts.get(1));
    assertTrue(verdicts.get(1).contains("(QUERYLENS - FLOOR_TWO_MGETS) +10.00 µs"), verdicts.get(1));
  }

  @Test
  void writeCostIsTheTrackedMinusTheExcludedTransaction() {
    List<String> names = List.of("EXCLUDED_1", "TRACKED_1", "EXCLUDED_3", "TRACKED_3", "BUMP_BY_HAND_1");
    List<String> verdicts = new InterleavedSummary(CacheQuestion.WRITE, names, List.of(
        new double[] {10, 40, 20, 51, 38}, new double[] {12, 42, 22, 53, 40}, new double[] {11, 41, 21, 52, 39}))
        .verdicts();
    assertTrue(verdicts.get(0).startsWith("Added to a transaction of 1 UPDATE + commit by its one bump"
        + " (TRACKED_1 - EXCLUDED_1): +30.00 µs (mean +30.00 ± 0.00), x3."), verdicts.get(0));
    assertTrue(verdicts.get(1).contains("(TRACKED_3 - EXCLUDED_3): +31.00 µs"), verdicts.get(1));
    assertTrue(verdicts.get(2).contains("(BUMP_BY_HAND_1 - EXCLUDED_1) +28.00 µs")
        && verdicts.get(2).contains("(TRACKED_1 - BUMP_BY_HAND_1) +2.00 µs"), verdicts.get(2));
    assertTrue(verdicts.get(3).contains("+5.00 µs"), verdicts.get(3));
  }

  @Test
  void variantsWithoutTheAgentForJdbcRunInSeparateForksOnly() {
    assertEquals(List.of("EXCLUDED_1", "TRACKED_1", "EXCLUDED_3", "TRACKED_3", "BUMP_BY_HAND_1"),
        CacheQuestion.WRITE.interleavedNames());
    assertEquals(CacheQuestion.HIT_FLOOR.variantNames(), CacheQuestion.HIT_FLOOR.interleavedNames());
    for (CacheQuestion question : CacheQuestion.values()) {
      assertTrue(question.interleavedNames().size() <= CacheBenchmarkBase.MAX_VARIANTS, question.toString());
    }
  }

  @Test
  void theByHandHitAcceptsOnlyCurrentVersions() {
    byte[] entry = HitPath.withHeader("QL2 q=0 g=3 t=*:0,food:12,recipe:2", new byte[] {'[', ']'});
    int end = HitPath.indexOf(entry, (byte) '\n');
    byte[] three = HitPath.bytes("3");
    assertTrue(HitPath.current(entry, end, java.util.Arrays.asList(entry, three, null, HitPath.bytes("12"),
        HitPath.bytes("2"))));
    assertFalse(HitPath.current(entry, end, java.util.Arrays.asList(entry, three, null, HitPath.bytes("13"),
        HitPath.bytes("2"))));
    assertFalse(HitPath.current(entry, end, java.util.Arrays.asList(entry, HitPath.bytes("4"), null,
        HitPath.bytes("12"), HitPath.bytes("2"))));
    byte[] thisRun = HitPath.withHeader("QL2 q=0 g=3@" + HitPath.FLOOR_RUN + " t=*:0", new byte[] {'[', ']'});
    assertTrue(HitPath.current(thisRun, HitPath.indexOf(thisRun, (byte) '\n'),
        java.util.Arrays.asList(thisRun, three, null)));
    byte[] otherRun = HitPath.withHeader("QL2 q=0 g=3@fedcba9876543210 t=*:0", new byte[] {'[', ']'});
    assertFalse(HitPath.current(otherRun, HitPath.indexOf(otherRun, (byte) '\n'),
        java.util.Arrays.asList(otherRun, three, null)));
    byte[] untracked = HitPath.withHeader("QL2 q=0 g=0", new byte[] {'[', ']'});
    assertTrue(HitPath.current(untracked, HitPath.indexOf(untracked, (byte) '\n'),
        java.util.Arrays.asList(untracked, null)));
  }

  @Test
  void interleavedMissVerdictSubtractsTheFloorIterationByIteration() {
    // UNCACHED, QUERYLENS, FLOOR
    List<double[]> cycles = List.of(new double[] {0.05, 110, 100}, new double[] {0.05, 90, 80},
        new double[] {0.05, 130, 119}, new double[] {0.05, 100, 90});
    List<String> verdicts = new InterleavedSummary(CacheQuestion.MISS, List.of("UNCACHED", "QUERYLENS", "FLOOR"),
        cycles).verdicts();
    assertTrue(verdicts.get(1).startsWith("Target: miss - uncached under 1 RTT + encode: MISSED by 9.95 µs"),
        verdicts.get(1));
  }

  /** A variant whose forks had these means; no iterations. */
  private static VariantScores forks(double... means) {
    return new VariantScores(new double[0], new double[0], means);
  }

  /** A variant of one-iteration forks with these scores, all quiet. */
  private static VariantScores iterations(double... scores) {
    return new VariantScores(scores, scores, scores);
  }
}
