package io.querylens.benchmarks.cache;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Param;

/**
 * The questions, one benchmark class each (the miss asked in two regimes), as {@link CacheRunner} runs them
 * and {@link CacheSummary} judges them.
 */
enum CacheQuestion {
  HIT_FLOOR(HitVsFloorBenchmark.class, HitPath::valueOf,
      "Hit vs floor: a @Cached hit against one raw Jedis GET + Jackson decode of the same bytes"),
  HIT_INVALIDATION(HitInvalidationBenchmark.class, HitPath::valueOf,
      "Hit with invalidation on vs off: the same method, its entry depending on 3 tables + '*' or on none, against"
          + " each other and the floor"),
  HIT_CLUSTER(HitClusterBenchmark.class, ClusterHitPath::valueOf,
      "Hit on a 3-master Redis Cluster, entry on 3 tables + '*' (two MGETs: entry's slot, versions' slot), against"
          + " one JedisCluster GET + Jackson decode of the same bytes and the two MGETs by hand"),
  HIT_SPRING(HitVsSpringBenchmark.class, HitPath::valueOf,
      "Hit vs Spring: a @Cached hit against Spring's @Cacheable on RedisCacheManager, same bytes, same Redis"),
  MISS(MissCostBenchmark.class, MissPath::valueOf,
      "Miss cost, isolated: a @Cached miss against the uncached call and one round trip + one encode, every call"
          + " after a millisecond of idleness", "pauseMicros", "1000"),
  MISS_WARM(MissCostBenchmark.class, MissPath::valueOf,
      "Miss cost, warm: the same, calls back to back (each miss's fill still awaited)", "pauseMicros", "0"),
  WRITE(WriteCostBenchmark.class, WritePath::valueOf,
      "Write cost: a transaction of 1 or 3 UPDATEs + commit on H2/HikariCP, to tracked tables (one bump per commit)"
          + " vs excluded ones (none)");

  final Class<? extends CacheBenchmarkBase> benchmark;
  private final Function<String, CacheVariant> variants;
  final String title;
  /** Other parameters of the benchmark, name and value, for this question. */
  final List<String> params;

  CacheQuestion(Class<? extends CacheBenchmarkBase> benchmark, Function<String, CacheVariant> variants,
      String title, String... params) {
    this.benchmark = benchmark;
    this.variants = variants;
    this.title = title;
    this.params = List.of(params);
  }

  /** Whether this is one of the miss questions, whose reference costs next to nothing. */
  boolean miss() {
    return benchmark == MissCostBenchmark.class;
  }

  /** Whether its forks use {@link BenchCluster} rather than {@link BenchRedis}: the runner starts it only then. */
  boolean cluster() {
    return benchmark == HitClusterBenchmark.class;
  }

  /** {@code hit-floor}, {@code hit-spring}, {@code miss}, ...: the name on the runner's command line. */
  String option() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The JMH benchmark, {@code io.querylens...HitVsFloorBenchmark.call}. */
  String benchmarkName() {
    return benchmark.getName() + ".call";
  }

  /** The variants in the order of the class's {@code @Param}, read from it so that the two cannot disagree. */
  List<String> variantNames() {
    try {
      return List.of(benchmark.getDeclaredField("path").getAnnotation(Param.class).value());
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(benchmark + " has no @Param path", e);
    }
  }

  /** The variants that run in the interleaved JVM (with the agent), in order: all but the non-interleavable. */
  List<String> interleavedNames() {
    return variantNames().stream().filter(name -> variant(name).interleavable()).toList();
  }

  CacheVariant variant(String name) {
    return variants.apply(name);
  }

  static CacheQuestion ofOption(String option) {
    for (CacheQuestion question : values()) {
      if (question.option().equals(option.trim().toLowerCase(Locale.ROOT))) {
        return question;
      }
    }
    throw new IllegalArgumentException("--benchmarks: unknown '" + option + "'; known: hit-floor, hit-invalidation,"
        + " hit-cluster, hit-spring, miss, miss-warm, write");
  }
}
