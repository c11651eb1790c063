package io.querylens.agent.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.querylens.agent.cache.store.CacheKeys;
import io.querylens.agent.request.CacheCall;
import io.querylens.agent.request.ThreadContext;
import io.querylens.agent.cache.codec.CacheCodec;
import io.querylens.agent.cache.store.LocalRedisCluster;
import io.querylens.agent.cache.store.RedisCacheStore;
import io.querylens.agent.cache.store.RedisSettings;
import io.querylens.agent.invalidation.TableVersions;
import io.querylens.agent.invalidation.WriteTracker;
import io.querylens.agent.jdbc.tables.TableExtractor;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cache engine's hit/miss round trip on a Redis Cluster of three masters: the same code path as on one server
 * (lookup and fill scripts on an entry and its lock, kept in one slot by the key's hash tag), driven here without
 * the agent's advice.
 */
class CacheEngineClusterTest {
  private static LocalRedisCluster cluster;
  private static RedisCacheStore store;

  /** The method being cached; the engine reads its generic return type by reflection. */
  static final class Menu {
    final AtomicInteger runs = new AtomicInteger();

    List<String> dishes(String course) {
      runs.incrementAndGet();
      return List.of(course + " one", course + " two");
    }
  }

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalRedisCluster.start(3);
    store = RedisCacheStore.connect(new RedisSettings(null, cluster.seeds(), Duration.ofMillis(500),
        Duration.ofMillis(500), 8, 3, Duration.ofSeconds(1)));
  }

  @AfterAll
  static void stopCluster() {
    store.close();
    cluster.close();
  }

  @Test
  void missThenHitForKeysSpreadOverEveryMaster() throws Exception {
    MethodRegistry registry = new MethodRegistry();
    String methodKey = Menu.class.getName() + ".dishes(Ljava/lang/String;)Ljava/util/List;";
    registry.registerCached(methodKey, new CachedMethod(Menu.class.getName(), "dishes",
        "(Ljava/lang/String;)Ljava/util/List;", "cluster-menu", "", false, true, Menu.class.getClassLoader()));
    CacheEngine engine = new CacheEngine(registry, new CacheCodec(), store,
        new CacheSettings("querylens", 60_000, 1_000, 250, message -> { }));
    Menu menu = new Menu();

    for (int i = 0; i < 60; i++) {
      String course = "course-" + i;
      CacheCall miss = engine.lookup(methodKey, Menu.class, new Object[] {course});
      assertEquals(CacheCall.Outcome.MISS, miss.outcome(), course + ": " + miss.detail());
      engine.complete(miss, menu.dishes(course), null);
    }
    for (int i = 0; i < 60; i++) {
      String course = "course-" + i;
      CacheCall hit = awaitHit(engine, methodKey, course);
      assertEquals(List.of(course + " one", course + " two"), hit.value());
    }
    assertEquals(60, menu.runs.get());
  }

  /** Automatic invalidation on a cluster: table versions live in their own slot, read with a second MGET. */
  @Test
  void aWriteToATableReadMakesTheEntryStaleOnACluster() throws Exception {
    MethodRegistry registry = new MethodRegistry();
    String methodKey = Menu.class.getName() + ".dishes(Ljava/lang/String;)Ljava/util/List;";
    registry.registerCached(methodKey, new CachedMethod(Menu.class.getName(), "dishes",
        "(Ljava/lang/String;)Ljava/util/List;", "cluster-tables", "", false, true, Menu.class.getClassLoader()));
    CacheSettings settings = new CacheSettings("querylens", 60_000, 1_000, 250, message -> { });
    TableVersions versions = new TableVersions(store, "querylens");
    WriteTracker tracker = new WriteTracker(new TableExtractor(100), versions, Set.of(), message -> { });
    CacheEngine engine = new CacheEngine(registry, new CacheCodec(), store, settings, versions, tracker);
    ThreadContext thread = ThreadContext.current();
    String course = "course-" + UUID.randomUUID();

    CacheCall miss = engine.lookup(methodKey, Menu.class, new Object[] {course});
    // What the JDBC advice reports while the body runs; statement null stands for an auto-commit connection.
    tracker.executed(thread, null, "select d.name from dish d join menu_course c on c.id = d.course_id", false);
    engine.complete(miss, List.of("miso soup"), null);
    assertEquals(List.of("miso soup"), awaitHit(engine, methodKey, course).value());
    // That hit may have come from the in-JVM flight before the fill thread wrote the entry; a write now would make
    // the fill refuse to store it, and the next lookup would find nothing stale, only a miss.
    awaitStored("cluster-tables", course, "miso soup");

    tracker.executed(thread, null, "update menu_course set name = 'starters' where id = 1", false);
    CacheCall stale = engine.lookup(methodKey, Menu.class, new Object[] {course});
    assertEquals(CacheCall.Outcome.STALE, stale.outcome());
    assertEquals("table menu_course changed", stale.detail());
    tracker.executed(thread, null, "select d.name from dish d join menu_course c on c.id = d.course_id", false);
    engine.complete(stale, List.of("edamame"), null);
    assertEquals(List.of("edamame"), awaitHit(engine, methodKey, course).value());
    awaitStored("cluster-tables", course, "edamame");

    tracker.executed(thread, null, "insert into wine (name) values ('sake')", false);
    assertTrue(engine.lookup(methodKey, Menu.class, new Object[] {course}).isHit(), "another table's write");

    tracker.executed(thread, null, "{call reprice_menu()}", false);
    CacheCall unknown = engine.lookup(methodKey, Menu.class, new Object[] {course});
    assertEquals(CacheCall.Outcome.STALE, unknown.outcome(), "a write whose tables can't be named");
    assertEquals("table * changed", unknown.detail());
    engine.complete(unknown, List.of("edamame"), null);
  }

  /**
   * Waits (bounded) until the entry for {@code argument}, holding {@code value}, is in Redis, on whichever master
   * holds its cache.
   */
  private static void awaitStored(String cacheName, String argument, String value) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      for (String seed : cluster.seeds()) {
        String[] hostAndPort = seed.split(":");
        try (redis.clients.jedis.Jedis node =
            new redis.clients.jedis.Jedis(hostAndPort[0], Integer.parseInt(hostAndPort[1]))) {
          for (String key : node.keys(CacheKeys.cachePrefix("querylens", cacheName) + "*")) {
            if (key.contains(argument) && !key.endsWith(CacheKeys.LOCK_SUFFIX) && !key.endsWith(CacheKeys.VERSION_SUFFIX)
                && String.valueOf(node.get(key)).contains(value)) {
              return;
            }
          }
        }
      }
      Thread.sleep(10);
    }
    fail("the entry for " + argument + " holding " + value + " was never stored");
  }

  private static CacheCall awaitHit(CacheEngine engine, String methodKey, String course) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      CacheCall call = engine.lookup(methodKey, Menu.class, new Object[] {course});
      if (call.isHit() || System.currentTimeMillis() > deadline) {
        assertTrue(call.isHit(), course + " was not a hit: " + call.outcome() + " " + call.detail());
        assertFalse(store.isOpen());
        return call;
      }
      engine.complete(call, new Menu().dishes(course), null);
      Thread.sleep(20);
    }
  }
}
