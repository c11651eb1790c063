package io.querylens.benchmarks.cache;

import org.openjdk.jmh.annotations.Param;

/**
 * Is a {@code @Cached} hit within 10% of the floor? The floor answers the same listing (50 recipe DTOs, about 24 KB
 * of JSON) from the same Redis with one raw Jedis {@code GET} and one Jackson decode into {@code List<RecipeDto>}
 * ({@link HitPath#FLOOR}); the agent's hit is one {@code MGET} of the entry, its cache's generation and the version of
 * {@code *}, then its own checks and decode ({@link HitPath#QUERYLENS}). {@link HitPath#FLOOR_MGET} does that round
 * trip by hand on the floor's connection, which splits the difference into what the {@code MGET} costs in Redis and
 * what the agent's Java side adds; {@link HitPath#PREVIOUS_LUA} is the previous agent's hit (a lookup script), kept to
 * show what the change to an {@code MGET} gained. {@link HitInvalidationBenchmark} asks the same of an entry that
 * depends on three tables.
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
  @Param({"FLOOR", "PREVIOUS_LUA", "FLOOR_MGET", "QUERYLENS"})
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
