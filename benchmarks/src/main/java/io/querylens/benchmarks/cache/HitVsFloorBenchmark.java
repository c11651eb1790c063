package io.querylens.benchmarks.cache;

import org.openjdk.jmh.annotations.Param;

/**
 * Is a {@code @Cached} hit within 10% of the floor? The floor answers the same listing (50 recipe DTOs, about 17 KB
 * of JSON) from the same Redis with one raw Jedis {@code GET} and one Jackson decode into {@code List<RecipeDto>}
 * ({@link HitPath#FLOOR}); the agent's hit is one {@code EVALSHA} of its lookup script, then its own decode
 * ({@link HitPath#QUERYLENS}). Between them, {@link HitPath#FLOOR_LUA} runs the agent's script by hand on the floor's
 * connection, which splits the difference into what the script costs in Redis and what the agent's Java side adds;
 * {@link HitPath#FLOOR_MGET} reads the same keys without a script, which is what a hit could cost instead.
 *
 * <p>Run with the other cache benchmarks by {@link CacheRunner}, which starts the Redis and forks
 * {@link HitPath#QUERYLENS} with the agent; from the repository root, after {@code mvn -q install -DskipTests}:
 *
 * <pre>{@code
 * java -cp benchmarks/target/querylens-benchmarks.jar io.querylens.benchmarks.cache.CacheRunner --benchmarks=hit-floor
 * }</pre>
 *
 * <p>Conclusion, on a 2-core KVM machine: see {@code benchmarks/CACHE.md}.
 */
public class HitVsFloorBenchmark extends CacheBenchmarkBase {
  @Param({"FLOOR", "FLOOR_LUA", "FLOOR_MGET", "QUERYLENS"})
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
