/**
 * What the agent's {@code @Cached} and automatic invalidation cost against the alternatives, on a real redis-server:
 * a hit against one raw Jedis {@code GET} plus Jackson decode
 * ({@link io.querylens.benchmarks.cache.HitVsFloorBenchmark}), a hit with automatic invalidation on against off and
 * the floor ({@link io.querylens.benchmarks.cache.HitInvalidationBenchmark}), the same hit on a Redis Cluster, where it
 * takes two round trips ({@link io.querylens.benchmarks.cache.HitClusterBenchmark}), a hit against Spring's {@code @Cacheable}
 * on Spring Data Redis ({@link io.querylens.benchmarks.cache.HitVsSpringBenchmark}), a miss against the uncached call
 * and one round trip plus the encode ({@link io.querylens.benchmarks.cache.MissCostBenchmark}), and what invalidation
 * adds to a write transaction ({@link io.querylens.benchmarks.cache.WriteCostBenchmark}).
 * {@link io.querylens.benchmarks.cache.CacheRunner} starts the Redis, runs each variant in forks of its own and all of
 * a question's variants interleaved in one JVM with the agent, and prints them side by side.
 * {@link io.querylens.benchmarks.cache.CodecCostBenchmark} prices the agent's codec without Redis. Results and
 * conclusions: {@code benchmarks/CACHE.md}.
 *
 * <p>The variants that replay the agent's protocol by hand use its Lua scripts
 * ({@link io.querylens.agent.cache.store.CacheScripts}) and key layout ({@link io.querylens.agent.cache.store.CacheKeys})
 * rather than copies. A variant that runs without the agent, in a fork whose class path lacks the agent's classes,
 * uses only their constants, which the compiler inlines; {@code CacheKeys}' methods are for variants with the agent.
 */
package io.querylens.benchmarks.cache;
