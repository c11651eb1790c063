package io.querylens.agent.cache.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** Every operation against one real redis-server. */
class RedisCacheStoreTest {
  private static RedisProcess redis;
  private static Jedis admin;
  private static RedisCacheStore store;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisProcess.launch();
    admin = redis.admin();
    store = RedisCacheStore.connect(RedisSettings.defaults(redis.url()));
  }

  @AfterAll
  static void stopRedis() {
    try {
      if (store != null) {
        store.close();
      }
      if (admin != null) {
        admin.close();
      }
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  @BeforeEach
  void emptyRedis() {
    admin.flushAll();
    admin.scriptFlush();
    admin.configResetStat();
  }

  @Test
  void setThenGet() {
    StoreCommands.set(store, bytes("k"), bytes("v"), 60_000);
    assertArrayEquals(bytes("v"), StoreCommands.get(store, bytes("k")));
  }

  @Test
  void anAbsentKeyIsNull() {
    assertNull(StoreCommands.get(store, bytes("missing")));
  }

  @Test
  void valuesAreBytesNotText() {
    byte[] key = {0, (byte) 0xff, 'k', (byte) 0xc3};
    byte[] value = new byte[70_000];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) i;
    }
    StoreCommands.set(store, key, value, 60_000);
    assertArrayEquals(value, StoreCommands.get(store, key));
  }

  @Test
  void setUsesPxAndTheEntryExpires() {
    StoreCommands.set(store, bytes("short"), bytes("v"), 200);
    long pttl = admin.pttl("short");
    assertTrue(pttl > 0 && pttl <= 200, "PTTL " + pttl);
    Await.until(Duration.ofSeconds(5), "the 200 ms entry expires", () -> StoreCommands.get(store, bytes("short")) == null);
  }

  @Test
  void deleteCountsWhatExisted() {
    StoreCommands.set(store, bytes("a"), bytes("1"), 60_000);
    StoreCommands.set(store, bytes("b"), bytes("2"), 60_000);
    assertEquals(2, StoreCommands.delete(store, bytes("a"), bytes("b"), bytes("never-set")));
    assertNull(StoreCommands.get(store, bytes("a")));
    assertEquals(0, StoreCommands.delete(store));
  }

  @Test
  void deleteByPrefixTakesSeveralScanBatchesAndSparesOtherPrefixes() {
    int matching = 2 * StoreCommands.SCAN_BATCH + 500;
    write("ql:v1:orders:", matching);
    write("ql:v1:other:", 300);
    write("ql:v10:", 50);
    admin.configResetStat();

    assertEquals(matching, StoreCommands.deleteByPrefix(store, "ql:v1:orders:"));

    assertEquals(350, admin.dbSize());
    assertTrue(admin.exists("ql:v1:other:0") && admin.exists("ql:v10:0"));
    assertTrue(calls("scan") > 1, "one SCAN call covered everything: " + admin.info("commandstats"));
    assertTrue(calls("unlink") > 1, "one UNLINK covered everything");
    assertEquals(0, StoreCommands.deleteByPrefix(store, "ql:v1:orders:"));
  }

  @Test
  void deleteByPrefixTreatsGlobCharactersLiterally() {
    admin.set("ql:[a]*:x", "1");
    admin.set("ql:a:x", "2");
    admin.set("ql:[a]*yz", "3");
    assertEquals(2, StoreCommands.deleteByPrefix(store, "ql:[a]*"));
    assertTrue(admin.exists("ql:a:x"));
    assertThrows(IllegalArgumentException.class, () -> StoreCommands.deleteByPrefix(store, ""));
  }

  @Test
  void aLockIsExclusiveUntilUnlockedByItsOwner() {
    String token = StoreCommands.tryLock(store, "lock:report", 60_000);
    assertNotNull(token);
    assertNull(StoreCommands.tryLock(store, "lock:report", 60_000), "already held");

    StoreCommands.unlock(store, "lock:report", "someone-else's-token");
    assertEquals(token, admin.get("lock:report"), "a wrong token must not release the lock");
    assertNull(StoreCommands.tryLock(store, "lock:report", 60_000));

    StoreCommands.unlock(store, "lock:report", token);
    assertFalse(admin.exists("lock:report"));
    String next = StoreCommands.tryLock(store, "lock:report", 60_000);
    assertNotNull(next);
    assertFalse(next.equals(token), "each acquisition has a token of its own");
  }

  @Test
  void aLockExpiresByItsTtl() {
    assertNotNull(StoreCommands.tryLock(store, "lock:short", 200));
    assertNull(StoreCommands.tryLock(store, "lock:short", 200));
    Await.until(Duration.ofSeconds(5), "the 200 ms lock expires", () -> StoreCommands.tryLock(store, "lock:short", 60_000) != null);
  }

  @Test
  void evalUsesEvalshaAndFallsBackToEvalAfterScriptFlush() {
    String script = "redis.call('set', KEYS[1], ARGV[1]); return redis.call('incrby', KEYS[2], ARGV[2])";
    List<byte[]> keys = List.of(bytes("t:name"), bytes("t:count"));

    assertEquals(5L, store.eval(script, keys, List.of(bytes("orders"), bytes("5"))));
    assertEquals(1, calls("evalsha"), "the first call tries EVALSHA");
    assertEquals(1, calls("eval"), "and falls back to EVAL, which caches the script");

    assertEquals(12L, store.eval(script, keys, List.of(bytes("orders"), bytes("7"))));
    assertEquals(2, calls("evalsha"));
    assertEquals(1, calls("eval"), "the second call is served by EVALSHA alone");

    admin.scriptFlush();
    assertEquals(13L, store.eval(script, keys, List.of(bytes("orders"), bytes("1"))));
    assertEquals(2, calls("eval"), "NOSCRIPT after SCRIPT FLUSH: EVAL again");
    assertEquals("orders", admin.get("t:name"));
  }

  @Test
  void evalRepliesComeBackRaw() {
    Object reply = store.eval("return {ARGV[1], 7, false}", List.of(), List.of(bytes("x")));
    List<?> list = (List<?>) reply;
    assertArrayEquals(bytes("x"), (byte[]) list.get(0));
    assertEquals(7L, list.get(1));
    assertNull(list.get(2));
  }

  @Test
  void aScriptErrorIsAStoreFailure() {
    StoreUnavailableException e =
        StoreCalls.failure(() -> store.eval("return redis.call('nonsense')", List.of(), List.of()));
    assertTrue(e.getMessage().startsWith("Redis replied with an error: "), e.getMessage());
    StoreCommands.set(store, bytes("k"), bytes("v"), 60_000);
    assertFalse(store.isOpen(), "one failure, then a success: closed");
  }

  @Test
  void theUrlSelectsTheDatabase() {
    try (RedisCacheStore db3 = RedisCacheStore.connect(RedisSettings.defaults(redis.url() + "/3"))) {
      StoreCommands.set(db3, bytes("in-db-3"), bytes("v"), 60_000);
      assertEquals("redis://127.0.0.1:" + redis.port() + "/3", db3.describe());
    }
    assertFalse(admin.exists("in-db-3"));
    admin.select(3);
    try {
      assertEquals("v", admin.get("in-db-3"));
    } finally {
      admin.select(0);
    }
  }

  @Test
  void describeNamesTheServer() {
    assertEquals("redis://127.0.0.1:" + redis.port(), store.describe());
  }

  @Test
  void programmingErrorsAreNotStoreFailures() {
    assertThrows(IllegalArgumentException.class, () -> StoreCommands.set(store, bytes("k"), bytes("v"), 0));
    assertThrows(IllegalArgumentException.class, () -> StoreCommands.tryLock(store, "lock", -1));
    assertThrows(NullPointerException.class, () -> StoreCommands.get(store, null));
    assertFalse(store.isOpen());
  }

  @Test
  void aClosedStoreRefusesCalls() {
    RedisCacheStore closing = RedisCacheStore.connect(RedisSettings.defaults(redis.url()));
    StoreCommands.set(closing, bytes("k"), bytes("v"), 60_000);
    closing.close();
    closing.close();
    StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.get(closing, bytes("k")));
    assertTrue(e.getMessage().startsWith("store closed"), e.getMessage());
  }

  private static void write(String prefix, int count) {
    Pipeline pipeline = admin.pipelined();
    for (int i = 0; i < count; i++) {
      pipeline.set(prefix + i, "v");
    }
    pipeline.sync();
  }

  /** How often the server ran a command since the last CONFIG RESETSTAT. */
  private static long calls(String command) {
    Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(admin.info("commandstats"));
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
