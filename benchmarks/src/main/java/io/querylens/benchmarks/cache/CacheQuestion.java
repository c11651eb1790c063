package io.querylens.benchmarks.cache;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Param;

/** The three questions, one benchmark class each, as {@link CacheRunner} runs and {@link CacheSummary} judges them. */
enum CacheQuestion {
  HIT_FLOOR(HitVsFloorBenchmark.class, HitPath::valueOf,
      "Hit vs floor: a @Cached hit against one raw Jedis GET + Jackson decode of the same bytes"),
  HIT_SPRING(HitVsSpringBenchmark.class, HitPath::valueOf,
      "Hit vs Spring: a @Cached hit against Spring's @Cacheable on RedisCacheManager, same bytes, same Redis"),
  MISS(MissCostBenchmark.class, MissPath::valueOf,
      "Miss cost: a @Cached miss against the uncached call and one round trip + one encode");

  final Class<? extends CacheBenchmarkBase> benchmark;
  private final Function<String, CacheVariant> variants;
  final String title;

  CacheQuestion(Class<? extends CacheBenchmarkBase> benchmark, Function<String, CacheVariant> variants,
      String title) {
    this.benchmark = benchmark;
    this.variants = variants;
    this.title = title;
  }

  /** {@code hit-floor}, {@code hit-spring}, {@code miss}: the name on the runner's command line. */
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

  CacheVariant variant(String name) {
    return variants.apply(name);
  }

  static CacheQuestion ofOption(String option) {
    for (CacheQuestion question : values()) {
      if (question.option().equals(option.trim().toLowerCase(Locale.ROOT))) {
        return question;
      }
    }
    throw new IllegalArgumentException("--benchmarks: unknown '" + option + "'; known: hit-floor, hit-spring, miss");
  }
}
