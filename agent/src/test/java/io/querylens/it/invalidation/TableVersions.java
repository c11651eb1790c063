package io.querylens.it.invalidation;

import io.querylens.agent.cache.store.CacheKeys;
import io.querylens.it.cache.TestRedis;
import redis.clients.jedis.Jedis;

/** The agent's per-table version counters in the test's redis-server (default namespace). */
public final class TableVersions {
  private TableVersions() {}

  /** The counter of {@code table}, 0 while no write to it was ever counted. */
  public static long of(String table) {
    try (Jedis jedis = TestRedis.client()) {
      String value = jedis.get(CacheKeys.tableVersionKey("querylens", table));
      return value == null ? 0 : Long.parseLong(value);
    }
  }
}
