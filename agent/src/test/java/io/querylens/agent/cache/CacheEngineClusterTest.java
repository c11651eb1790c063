package io.querylens.agent.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.agent.bridge.CacheCall;
import io.querylens.agent.cache.codec.CacheCodec;
import io.querylens.agent.cache.store.LocalRedisCluster;
import io.querylens.agent.cache.store.RedisCacheStore;
import io.querylens.agent.cache.store.RedisSettings;
import java.time.Duration;
import java.util.List;
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
