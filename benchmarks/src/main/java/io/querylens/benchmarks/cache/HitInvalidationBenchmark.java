package io.querylens.benchmarks.cache;

import org.openjdk.jmh.annotations.Param;

/**
 * Does automatic invalidation slow a hit down? Issue #4's target: a hit with invalidation on within 5% of one with it
 * off, measured in the same run. The same method body (it runs one query over {@code recipe}, {@code ingredient} and
 * {@code food} on H2 when it fills; hits never run it) is cached twice: with automatic invalidation on
 * ({@link HitPath#QUERYLENS_TABLES}: the entry depends on the three tables and {@code *}, a hit reads and checks four
 * versions in the same {@code MGET} as the entry) and off ({@link HitPath#QUERYLENS_UNTRACKED},
 * {@code @Cached(invalidateOnWrites = false)}). Both are also compared with the floor of issue #3
 * ({@link HitPath#FLOOR}: one raw {@code GET} plus Jackson decode of the same bytes, target within 10%), and
 * {@link HitPath#FLOOR_MGET_TABLES} does the invalidating hit's round trip by hand, which splits what Redis costs from
 * what the agent's Java side adds.
 *
 * <p>Run by {@link CacheRunner}; from the repository root, after {@code mvn -q install -DskipTests}:
 *
 * <pre>{@code
 * java -cp benchmarks/target/querylens-benchmarks.jar io.querylens.benchmarks.cache.CacheRunner \
 *     --benchmarks=hit-invalidation --mode=interleaved
 * }</pre>
 *
 * <p>Conclusion, on a 2-core KVM machine: see {@code benchmarks/CACHE.md}.
 */
public class HitInvalidationBenchmark extends CacheBenchmarkBase {
  @Param({"FLOOR", "FLOOR_MGET_TABLES", "QUERYLENS_TABLES", "QUERYLENS_UNTRACKED"})
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
