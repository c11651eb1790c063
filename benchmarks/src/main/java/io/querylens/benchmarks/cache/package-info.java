/**
 * What the agent's {@code @Cached} costs against the alternatives, on a real redis-server: a hit against one raw Jedis
 * {@code GET} plus Jackson decode ({@link io.querylens.benchmarks.cache.HitVsFloorBenchmark}), a hit against Spring's
 * {@code @Cacheable} on Spring Data Redis ({@link io.querylens.benchmarks.cache.HitVsSpringBenchmark}), and a miss
 * against the uncached call and one round trip plus the encode
 * ({@link io.querylens.benchmarks.cache.MissCostBenchmark}). {@link io.querylens.benchmarks.cache.CacheRunner} starts
 * the Redis, forks each variant with or without the agent and prints them side by side; results and conclusions are
 * in {@code benchmarks/CACHE.md}.
 */
package io.querylens.benchmarks.cache;
