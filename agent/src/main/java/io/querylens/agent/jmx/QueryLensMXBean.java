package io.querylens.agent.jmx;

/**
 * The agent's health as JMX shows it, under {@code io.querylens:type=QueryLens}: counters since start-up, as
 * monotonic totals (tools compute rates), and the state of the cache's Redis. Read-only.
 */
public interface QueryLensMXBean {
  /** {@code @Cached} calls served from Redis. */
  long getCacheHits();

  /** {@code @Cached} calls that ran the method because there was no entry, or none this JVM could use. */
  long getCacheMisses();

  /** {@code @Cached} calls that ran the method because a table the entry read had been written since. */
  long getCacheStale();

  /** {@code @Cached} calls that ran the method because Redis failed or refused (see the log for why). */
  long getCacheErrors();

  /** {@code @Cached} calls that skipped the cache on purpose: a result that cannot be stored, own uncommitted writes. */
  long getCacheBypasses();

  /** The cache's Redis, without credentials; empty when the cache is off. */
  String getRedis();

  /** Whether Redis can be used now; false while the cache is off. */
  boolean isRedisUsable();

  /**
   * The circuit breaker in front of Redis: {@code closed}, {@code open}, {@code half-open}; {@code not started} until
   * this JVM uses Redis (a {@code @Cached} method is found, or Redis is configured); {@code off} with the cache.
   */
  String getCircuitBreaker();

  /** Tables whose version bump could not reach Redis yet: this JVM serves no entry until they do. */
  int getOwedInvalidationTables();

  /** Commits whose table-version bump could not reach Redis yet. */
  int getOwedInvalidationBumps();

  /** Report files written. */
  long getReportsWritten();

  /** Reports lost: dropped because the queue was full, or not written because the file could not be. */
  long getReportsDropped();
}
