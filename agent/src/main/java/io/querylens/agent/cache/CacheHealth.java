package io.querylens.agent.cache;

import io.querylens.agent.request.CacheCall.Outcome;
import io.querylens.agent.cache.store.RedisCacheStore;
import io.querylens.agent.invalidation.TableVersions;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the cache has done since start-up and whether its Redis can be used, for monitoring tools. Counting is one
 * {@link LongAdder} increment per {@code @Cached} call: no contention between request threads.
 */
public final class CacheHealth {
  private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
  private final RedisCacheStore store;
  private final TableVersions versions;

  CacheHealth(RedisCacheStore store, TableVersions versions) {
    this.store = store;
    this.versions = versions;
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome, new LongAdder());
    }
  }

  void count(Outcome outcome) {
    outcomes.get(outcome).increment();
  }

  /** How many {@code @Cached} calls ended with {@code outcome}. */
  public long calls(Outcome outcome) {
    return outcomes.get(outcome).sum();
  }

  /** {@code redis://host:port}, {@code cluster …}: never with credentials. */
  public String redis() {
    return store.describe();
  }

  /** {@code closed}, {@code open} or {@code half-open}. */
  public String circuitBreaker() {
    return store.circuitState();
  }

  /** False from the failure that opens the circuit breaker (or a failed start-up check) until Redis answers again. */
  public boolean redisUsable() {
    return store.health().cause() == null && !store.isOpen();
  }

  /** Tables whose version bump is owed to Redis: this JVM serves no entry until they are delivered. */
  public int owedTables() {
    return versions.owedTables();
  }

  /** Commits whose bump is owed. */
  public int owedBumps() {
    return versions.owedBumps();
  }
}
