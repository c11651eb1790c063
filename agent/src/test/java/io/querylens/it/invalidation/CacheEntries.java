package io.querylens.it.invalidation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.querylens.agent.cache.store.CacheKeys;
import io.querylens.it.cache.TestRedis;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.Jedis;

/**
 * Entries as they sit in the test's redis-server. A miss writes its entry from a background thread, and until it
 * lands the agent serves it from memory: tests that mean to exercise the entry in Redis wait for it here first.
 */
public final class CacheEntries {
  private static final long WAIT_MILLIS = 10_000;

  private CacheEntries() {}

  /**
   * Fills the entry of {@code names.names(label)} (on a fresh label, expecting {@code rows}), waits until it is in
   * Redis and checks that the next call is served from it.
   */
  public static void fillAndCheckServed(FoodNames names, String label, List<String> rows)
      throws InterruptedException {
    int runs = names.runs();
    assertEquals(rows, names.names(label));
    awaitStored(names.cacheName(), label);
    assertEquals(rows, names.names(label));
    assertEquals(runs + 1, names.runs(), "the entry is served once filled");
  }

  /** Fills an entry of the seed rows for a label of the test's own and checks it is served; returns the label. */
  public static String servedEntry(FoodNames names) throws InterruptedException {
    String label = Labels.next();
    fillAndCheckServed(names, label, FoodDatabase.SEED);
    return label;
  }

  /**
   * Calls until a call is served without running the method, and checks every call returns {@code rows}: after an
   * invalidation, the entry the next miss fills must be served in turn, not stay stale for ever.
   */
  public static void awaitServed(FoodNames names, String label, List<String> rows) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int runs = names.runs();
      assertEquals(rows, names.names(label));
      if (names.runs() == runs) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the method ran on every call: its refilled entry for " + label + " is never served");
  }

  /**
   * Lets a miss's fill reach Redis if it is going to: waits until the entry appears, or gives up after a moment,
   * since the agent may rightly refuse to store it. Tests assert what must hold either way.
   */
  public static void awaitFillAttempt(String cacheName, String label) throws InterruptedException {
    for (int i = 0; i < 25 && find(cacheName, label).isEmpty(); i++) {
      Thread.sleep(20);
    }
  }

  /** The key of the entry whose arguments contain {@code label}, once it is in Redis; fails after a bounded wait. */
  public static String awaitStored(String cacheName, String label) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (true) {
      Optional<String> key = find(cacheName, label);
      if (key.isPresent()) {
        return key.get();
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("no entry of " + cacheName + " for " + label + " in Redis after " + WAIT_MILLIS
            + " ms");
      }
      Thread.sleep(10);
    }
  }

  public static Optional<String> find(String cacheName, String label) {
    try (Jedis jedis = TestRedis.client()) {
      Set<String> keys = jedis.keys(CacheKeys.cachePrefix("querylens", cacheName) + "*");
      return keys.stream()
          .filter(key -> key.contains(label))
          .filter(key -> !key.endsWith(CacheKeys.LOCK_SUFFIX) && !key.endsWith(CacheKeys.VERSION_SUFFIX)
              && !key.equals(CacheKeys.generationKey("querylens", cacheName)))
          .findFirst();
    }
  }

  /** The stored entry, header and JSON, as text. */
  public static String value(String key) {
    try (Jedis jedis = TestRedis.client()) {
      return jedis.get(key);
    }
  }
}
