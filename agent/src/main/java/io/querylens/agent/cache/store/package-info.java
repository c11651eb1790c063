/**
 * The cache's Redis storage layer: {@link io.querylens.agent.cache.store.RedisCacheStore} reads and writes cache
 * entries, locks and scripts on one Redis server or a Redis Cluster through Jedis, behind a circuit breaker, and turns
 * every Redis failure into one exception type, {@link io.querylens.agent.cache.store.StoreUnavailableException}, so
 * that the cache can fall back to running the method and the application never sees Redis at all.
 */
package io.querylens.agent.cache.store;
