package io.querylens.benchmarks.cache;

import org.openjdk.jmh.annotations.Param;

/**
 * Is a {@code @Cached} hit faster than Spring's {@code @Cacheable} with Spring Data Redis's {@code RedisCacheManager}
 * on the same listing, the same JSON bytes and the same Redis? Spring runs on Lettuce, Spring Boot's default client
 * ({@link HitPath#SPRING_LETTUCE}), and on Jedis ({@link HitPath#SPRING_JEDIS}); values are JSON through Spring Data
 * Redis 4's Jackson 3 serializer ({@link SpringCache}).
 *
 * <p>Run by {@link CacheRunner}; from the repository root, after {@code mvn -q install -DskipTests}:
 *
 * <pre>{@code
 * java -cp benchmarks/target/querylens-benchmarks.jar io.querylens.benchmarks.cache.CacheRunner --benchmarks=hit-spring
 * }</pre>
 *
 * <p>Conclusion, on a 2-core KVM machine: see {@code benchmarks/CACHE.md}.
 */
public class HitVsSpringBenchmark extends CacheBenchmarkBase {
  @Param({"QUERYLENS", "SPRING_LETTUCE", "SPRING_JEDIS"})
  String path;

  @Override
  String path() {
    return path;
  }

  @Override
  CacheVariant variant(String name) {
    return HitPath.valueOf(name);
  }
}
