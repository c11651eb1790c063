package io.querylens.agent.cache.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store through Redis Sentinel: the master is asked of the Sentinel, every operation works as on one server, and
 * after the master is killed and the replica promoted the same store carries on by itself on the new master, under a
 * new server run (so nothing cached before the failover is trusted).
 */
class RedisSentinelStoreTest {
  private static final Duration TIMEOUT = Duration.ofMillis(250);

  @Test
  void followsTheMasterThroughAFailover() throws Exception {
    try (LocalRedisSentinel redis = LocalRedisSentinel.launch();
        RedisCacheStore store = RedisCacheStore.connect(new RedisSettings(redis.master().url(), List.of(),
            LocalRedisSentinel.MASTER_NAME, List.of(redis.sentinelNode()), TIMEOUT, TIMEOUT, 4, 3,
            Duration.ofMillis(200)))) {
      assertTrue(store.describe().startsWith("sentinel master '" + LocalRedisSentinel.MASTER_NAME + "' via 127.0.0.1:"),
          store.describe());
      StoreCommands.set(store, bytes("k"), bytes("v"), 60_000);
      assertArrayEquals(bytes("v"), StoreCommands.get(store, bytes("k")));
      assertEquals(1L, store.eval("return redis.call('INCR', KEYS[1])", List.of(bytes("n")), List.of()));
      String token = StoreCommands.tryLock(store, "lock", 10_000);
      assertTrue(token != null);
      StoreCommands.unlock(store, "lock", token);
      assertEquals(1, StoreCommands.deleteByPrefix(store, "k"));
      String runBefore = store.mget(List.of(bytes("n"))).run();
      ServerInfo info = store.serverInfo();
      assertTrue(info.toString().contains("master '" + LocalRedisSentinel.MASTER_NAME + "' at 127.0.0.1:"
          + redis.master().port() + " via Sentinel"), info.toString());

      // The last check's premise: the replica has what the master wrote before the master dies. Replication is
      // asynchronous, and a kill -9 right after the write lost it once on a busy machine.
      try (redis.clients.jedis.Jedis replica = redis.replica().admin()) {
        long replicated = System.nanoTime() + 10_000_000_000L;
        while (!"1".equals(replica.get("n"))) {
          assertTrue(System.nanoTime() < replicated, "the replica never got the master's write");
          Thread.sleep(10);
        }
      }
      redis.failOver();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (true) {
        try {
          StoreCommands.set(store, bytes("after"), bytes("failover"), 60_000);
          break;
        } catch (StoreUnavailableException notYet) {
          assertTrue(System.nanoTime() < deadline, "the store never reached the promoted master: " + notYet);
          Thread.sleep(100);
        }
      }
      assertArrayEquals(bytes("failover"), StoreCommands.get(store, bytes("after")));
      assertNotEquals(runBefore, store.mget(List.of(bytes("n"))).run(), "another server, another run");
      assertTrue(store.serverInfo().toString().contains("at 127.0.0.1:" + redis.replica().port()),
          "the promoted replica is the master now");
      assertEquals(2L, store.evalPatiently("return redis.call('INCR', KEYS[1])", List.of(bytes("n")), List.of()),
          "the replica had the data; owed bumps go to the new master");
    }
  }

  @Test
  void sentinelsThatDoNotAnswerAreAnOutageNotAFailureToStart() throws Exception {
    try (RedisCacheStore store = RedisCacheStore.connect(new RedisSettings("redis://127.0.0.1:1", List.of(),
        "nobody", List.of("127.0.0.1:" + RedisProcess.freePort()), TIMEOUT, TIMEOUT, 4, 3,
        Duration.ofMillis(200)))) {
      StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.get(store, bytes("k")));
      assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), String.valueOf(e.getMessage()));
    }
  }

  @Test
  void settingsNeedBothTheMasterNameAndTheSentinels() {
    IllegalArgumentException noNodes = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new RedisSettings("redis://h", List.of(), "m", List.of(), TIMEOUT, TIMEOUT, 4, 3, TIMEOUT));
    assertTrue(noNodes.getMessage().contains("no Sentinel address"), noNodes.getMessage());
    IllegalArgumentException both = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new RedisSettings("redis://h", List.of("h:1"), "m", List.of("h:2"), TIMEOUT, TIMEOUT, 4, 3, TIMEOUT));
    assertTrue(both.getMessage().contains("exclude each other"), both.getMessage());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
