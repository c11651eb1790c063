package io.querylens.agent.cache.store;

import static io.querylens.agent.cache.store.RedisCacheStoreTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The store's operations on a Redis Cluster of three masters, keys spread over all of them. The store is given only
 * the first node as a seed and must discover the rest.
 */
class RedisClusterStoreTest {
  private static LocalRedisCluster cluster;
  private static List<RedisProcess> nodes;
  private static RedisCacheStore store;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalRedisCluster.start(3);
    nodes = cluster.nodes();
    store = RedisCacheStore.connect(new RedisSettings(null, cluster.seeds().subList(0, 1), Duration.ofMillis(250),
        Duration.ofMillis(250), 8, 3, Duration.ofSeconds(2)));
  }

  @AfterAll
  static void stopCluster() {
    try {
      if (store != null) {
        store.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @BeforeEach
  void emptyCluster() {
    for (RedisProcess node : nodes) {
      try (Jedis admin = node.admin()) {
        admin.flushAll();
        admin.configResetStat();
      }
    }
  }

  @Test
  void keysSpreadOverEveryMasterAndComeBack() {
    for (int i = 0; i < 300; i++) {
      StoreCommands.set(store, bytes("ql:item:" + i), bytes("value " + i), 60_000);
    }
    for (int i = 0; i < 300; i++) {
      assertArrayEquals(bytes("value " + i), StoreCommands.get(store, bytes("ql:item:" + i)));
    }
    long total = 0;
    for (RedisProcess node : nodes) {
      try (Jedis admin = node.admin()) {
        assertTrue(admin.dbSize() > 0, node + " holds none of the 300 keys");
        total += admin.dbSize();
      }
    }
    assertEquals(300, total);
    assertNull(StoreCommands.get(store, bytes("ql:item:missing")));
  }

  @Test
  void deleteTakesKeysFromManySlotsAtOnce() {
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      keys.add(bytes("ql:del:" + i));
      StoreCommands.set(store, keys.get(i), bytes("v"), 60_000);
    }
    keys.add(bytes("ql:del:never-set"));
    assertTrue(keys.stream().map(JedisClusterCRC16::getSlot).distinct().count() > 40, "the keys share few slots");
    assertEquals(50, StoreCommands.delete(store, keys.toArray(new byte[0][])));
    assertNull(StoreCommands.get(store, bytes("ql:del:0")));
  }

  @Test
  void deleteByPrefixScansEveryMasterInBatches() {
    int matching = 3500;
    for (int i = 0; i < matching; i++) {
      StoreCommands.set(store, bytes("ql:v1:orders:" + i), bytes("v"), 60_000);
    }
    for (int i = 0; i < 200; i++) {
      StoreCommands.set(store, bytes("ql:v1:other:" + i), bytes("v"), 60_000);
    }
    nodes.forEach(node -> {
      try (Jedis admin = node.admin()) {
        admin.configResetStat();
      }
    });

    assertEquals(matching, StoreCommands.deleteByPrefix(store, "ql:v1:orders:"));

    long remaining = 0;
    long scans = 0;
    for (RedisProcess node : nodes) {
      try (Jedis admin = node.admin()) {
        remaining += admin.dbSize();
        long nodeScans = calls(admin, "scan");
        assertTrue(nodeScans >= 1, node + " was not scanned");
        scans += nodeScans;
      }
    }
    assertEquals(200, remaining, "only the other prefix is left");
    assertTrue(scans > nodes.size(), "some master needed more than one SCAN batch: " + scans + " calls in all");
    assertArrayEquals(bytes("v"), StoreCommands.get(store, bytes("ql:v1:other:0")));
  }

  @Test
  void locksWorkOnACluster() {
    String token = StoreCommands.tryLock(store, "lock:{orders}", 60_000);
    assertNotNull(token);
    assertNull(StoreCommands.tryLock(store, "lock:{orders}", 60_000));
    StoreCommands.unlock(store, "lock:{orders}", "not-the-token");
    assertNull(StoreCommands.tryLock(store, "lock:{orders}", 60_000));
    StoreCommands.unlock(store, "lock:{orders}", token);
    assertNotNull(StoreCommands.tryLock(store, "lock:{orders}", 60_000));
    assertNotNull(StoreCommands.tryLock(store, "lock:{items}", 200));
    Await.until(Duration.ofSeconds(5), "the 200 ms lock expires", () -> StoreCommands.tryLock(store, "lock:{items}", 60_000) != null);
  }

  @Test
  void scriptsRunOnTheSlotOfTheirHashTaggedKeysAndSurviveScriptFlush() {
    String bump = "return {redis.call('incr', KEYS[1]), redis.call('incr', KEYS[2])}";
    List<byte[]> keys = List.of(bytes("{tv}:orders"), bytes("{tv}:items"));
    assertEquals(List.of(1L, 1L), store.eval(bump, keys, List.of()));
    assertEquals(List.of(2L, 2L), store.eval(bump, keys, List.of()));
    for (RedisProcess node : nodes) {
      try (Jedis admin = node.admin()) {
        admin.scriptFlush();
      }
    }
    assertEquals(List.of(3L, 3L), store.eval(bump, keys, List.of()), "NOSCRIPT, then EVAL");

    assertEquals(7L, store.eval("return 7", List.of(), List.of()), "a script without keys runs on any master");

    IllegalArgumentException crossSlot = assertThrows(IllegalArgumentException.class,
        () -> store.eval(bump, List.of(bytes("orders"), bytes("items")), List.of()));
    assertTrue(crossSlot.getMessage().contains("hash tag"), crossSlot.getMessage());
    assertFalse(store.isOpen(), "a programming error is not a Redis failure");
  }

  @Test
  void describeNamesTheSeeds() {
    assertEquals("cluster 127.0.0.1:" + nodes.get(0).port(), store.describe());
  }

  private static long calls(Jedis admin, String command) {
    Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(admin.info("commandstats"));
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
