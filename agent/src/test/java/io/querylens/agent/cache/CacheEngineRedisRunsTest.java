package io.querylens.agent.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.querylens.agent.cache.store.CacheKeys;
import io.querylens.agent.request.CacheCall;
import io.querylens.agent.request.ThreadContext;
import io.querylens.agent.cache.codec.CacheCodec;
import io.querylens.agent.cache.store.RedisCacheStore;
import io.querylens.agent.cache.store.RedisProcess;
import io.querylens.agent.cache.store.RedisSettings;
import io.querylens.agent.invalidation.TableVersions;
import io.querylens.agent.invalidation.WriteTracker;
import io.querylens.agent.jdbc.tables.TableExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Redis's data going back in time (a restart from an older {@code dump.rdb}) must not resurrect entries: their table
 * counters go back with them and would look current again. Real redis-server processes, restarted on the same port
 * under an engine that keeps running, as an application's would.
 */
class CacheEngineRedisRunsTest {
  private static final String METHOD = Menu.class.getName() + ".dishes(Ljava/lang/String;)Ljava/util/List;";
  private static final String SELECT = "select d.name from dish d";
  private static final String UPDATE = "update dish set name = 'x' where id = 1";

  /** The method being cached; the engine reads its generic return type by reflection. */
  static final class Menu {
    List<String> dishes(String course) {
      return List.of(course);
    }
  }

  private RedisProcess redis;
  private RedisCacheStore store;
  private CacheEngine engine;
  private WriteTracker tracker;
  private TableVersions versions;

  private void start(String... persistence) throws Exception {
    redis = RedisProcess.launch(persistence);
    store = RedisCacheStore.connect(new RedisSettings(redis.url(), null, Duration.ofMillis(500),
        Duration.ofMillis(500), 4, 3, Duration.ofMillis(200)));
    MethodRegistry registry = new MethodRegistry();
    registry.registerCached(METHOD, new CachedMethod(Menu.class.getName(), "dishes",
        "(Ljava/lang/String;)Ljava/util/List;", "runs", "", false, true, Menu.class.getClassLoader()));
    versions = new TableVersions(store, "querylens");
    tracker = new WriteTracker(new TableExtractor(100), versions, Set.of(), message -> { });
    engine = new CacheEngine(registry, new CacheCodec(), store,
        new CacheSettings("querylens", 60_000, 1_000, 250, message -> { }), versions, tracker);
  }

  @AfterEach
  void stop() {
    store.close();
    redis.close();
  }

  @Test
  void anEntryRestoredFromAnOlderSnapshotIsNotServed() throws Exception {
    start();
    fill("old rows");
    try (Jedis admin = redis.admin()) {
      admin.save();
    }
    Path snapshot = Files.copy(redis.dir().resolve("dump.rdb"), redis.dir().resolve("old.rdb"));
    write();
    assertEquals(CacheCall.Outcome.STALE, lookup().outcome(), "the write made the entry stale");
    fill("new rows");

    redis.stop();
    Files.copy(snapshot, redis.dir().resolve("dump.rdb"), StandardCopyOption.REPLACE_EXISTING);
    redis.start();
    try (Jedis admin = redis.admin()) {
      assertEquals(null, admin.get(CacheKeys.tableVersionKey("querylens", "dish")), "the counter went back with the snapshot");
      assertTrue(entryBytes(admin).contains("old rows"), "the old entry is back, its header current again");
    }

    CacheCall call = firstAnswered();
    assertEquals(CacheCall.Outcome.MISS, call.outcome(), "an entry from before the restore: " + call.detail());
    assertEquals("filled under another Redis run (restart, restore or failover)", call.detail());
    runBody(call, "fresh rows");
    fill("fresh rows");
    write();
    assertEquals(CacheCall.Outcome.STALE, lookup().outcome(), "invalidation works under the new run");
  }

  @Test
  void aPlainRestartWithPersistenceServesOnlyFreshEntries() throws Exception {
    start("appendonly yes", "appendfsync always");
    fill("before");
    write();
    fill("after the write");

    redis.stop();
    redis.start();
    try (Jedis admin = redis.admin()) {
      assertEquals("1", admin.get(CacheKeys.tableVersionKey("querylens", "dish")), "the counter survived the restart");
    }
    CacheCall call = firstAnswered();
    assertEquals(CacheCall.Outcome.MISS, call.outcome(), call.detail());
    runBody(call, "after the restart");
    fill("after the restart");
    write();
    CacheCall stale = lookup();
    assertEquals(CacheCall.Outcome.STALE, stale.outcome(), "invalidation works after the restart: " + stale.detail());
  }

  /**
   * Misses whose fills depend on table dish until one is stored and served: right after a restart a fill may go out
   * on a pooled connection from before it, fail, and leave the older entry in place.
   */
  private void fill(String value) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    try (Jedis admin = redis.admin()) {
      while (!entryBytes(admin).contains(value)) {
        if (System.currentTimeMillis() > deadline) {
          fail(value + " was never stored");
        }
        runBody(lookup(), value);
        Thread.sleep(50);
      }
    }
    assertEquals(List.of(value), awaitHit().value());
  }

  /** What the advice does after a lookup that is not a hit: the method body reads table dish and returns. */
  private void runBody(CacheCall call, String value) {
    if (!call.isHit()) {
      tracker.executed(ThreadContext.current(), null, SELECT, false);
      engine.complete(call, List.of(value), null);
    }
  }

  /** A write whose bump has reached Redis: right after a restart it may be owed first (a pooled dead connection). */
  private void write() throws Exception {
    tracker.executed(ThreadContext.current(), null, UPDATE, false);
    long deadline = System.currentTimeMillis() + 10_000;
    while (!versions.settleOwed()) {
      assertTrue(System.currentTimeMillis() < deadline, "the bump was never delivered");
      Thread.sleep(50);
    }
  }

  private CacheCall lookup() {
    return engine.lookup(METHOD, Menu.class, new Object[] {"starters"});
  }

  /** The first lookup after a restart that Redis answered: connections from before fail once each. */
  private CacheCall firstAnswered() throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      CacheCall call = lookup();
      if (call.outcome() != CacheCall.Outcome.ERROR) {
        return call;
      }
      runBody(call, "uncached");
      Thread.sleep(50);
    }
    throw new AssertionError("Redis never answered after the restart");
  }

  private CacheCall awaitHit() throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      CacheCall call = lookup();
      if (call.isHit() || System.currentTimeMillis() > deadline) {
        assertTrue(call.isHit(), "not a hit: " + call.outcome() + " " + call.detail());
        return call;
      }
      Thread.sleep(20);
    }
  }

  private static String entryBytes(Jedis admin) {
    for (String key : admin.keys(CacheKeys.cachePrefix("querylens", "runs") + "*")) {
      if (!key.endsWith(CacheKeys.LOCK_SUFFIX) && !key.endsWith(CacheKeys.VERSION_SUFFIX)
          && !key.equals(CacheKeys.generationKey("querylens", "runs"))) {
        return String.valueOf(admin.get(key));
      }
    }
    return "";
  }
}
