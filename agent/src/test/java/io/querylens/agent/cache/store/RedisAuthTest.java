package io.querylens.agent.cache.store;

import static io.querylens.agent.cache.store.RedisCacheStoreTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Passwords and ACL users from the URL, and what a wrong one looks like: an exception that says so, not a hang. */
class RedisAuthTest {
  private static final String PASSWORD = "s3cret";
  /** Every character that needs escaping in a URL's user info. */
  private static final String ACL_PASSWORD = "p@ss:w/rd%+ #?";

  private static RedisProcess redis;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisProcess.launch("requirepass " + PASSWORD);
    try (Jedis admin = redis.admin(PASSWORD)) {
      admin.aclSetUser("cache", "on", ">" + ACL_PASSWORD, "~*", "+@all");
      admin.aclSetUser("reader", "on", ">" + PASSWORD, "~*", "+get");
    }
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void thePasswordInTheUrlLogsIn() {
    try (RedisCacheStore store = connect("redis://:" + PASSWORD + "@127.0.0.1:" + redis.port())) {
      StoreCommands.set(store, bytes("k"), bytes("v"), 60_000);
      assertArrayEquals(bytes("v"), StoreCommands.get(store, bytes("k")));
      assertEquals("redis://127.0.0.1:" + redis.port(), store.describe(), "no password in the log line");
    }
  }

  @Test
  void anAclUserWithAnEscapedPasswordLogsIn() {
    String escaped = URLEncoder.encode(ACL_PASSWORD, StandardCharsets.UTF_8).replace("+", "%20");
    try (RedisCacheStore store = connect("redis://cache:" + escaped + "@127.0.0.1:" + redis.port())) {
      StoreCommands.set(store, bytes("acl"), bytes("v"), 60_000);
      assertArrayEquals(bytes("v"), StoreCommands.get(store, bytes("acl")));
      assertTrue(StoreCommands.tryLock(store, "acl:lock", 60_000) != null);
    }
  }

  @Test
  void aWrongPasswordFailsSayingSoAndOpensTheCircuit() {
    try (RedisCacheStore store = connect("redis://:wrong@127.0.0.1:" + redis.port())) {
      for (int i = 0; i < 3; i++) {
        StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.get(store, bytes("k")));
        assertTrue(e.getMessage().startsWith("auth failed: WRONGPASS"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong"), "the password itself is never in the message");
      }
      assertTrue(store.isOpen(), "every call would fail the same way: stop trying for a while");
      assertTrue(StoreCalls.failure(() -> StoreCommands.get(store, bytes("k"))).isCircuitOpen());
    }
  }

  @Test
  void aWrongAclUserFailsSayingSo() {
    try (RedisCacheStore store = connect("redis://nobody:" + PASSWORD + "@127.0.0.1:" + redis.port())) {
      StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.set(store, bytes("k"), bytes("v"), 1000));
      assertTrue(e.getMessage().startsWith("auth failed"), e.getMessage());
    }
  }

  @Test
  void aCommandTheAclForbidsFailsSayingSo() {
    try (RedisCacheStore store = connect("redis://reader:" + PASSWORD + "@127.0.0.1:" + redis.port())) {
      StoreCommands.get(store, bytes("k"));
      StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.set(store, bytes("k"), bytes("v"), 1000));
      assertTrue(e.getMessage().startsWith("auth failed: NOPERM"), e.getMessage());
    }
  }

  @Test
  void noPasswordAtAllFailsSayingSo() {
    try (RedisCacheStore store = connect(redis.url())) {
      StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.get(store, bytes("k")));
      assertTrue(e.getMessage().startsWith("auth failed: NOAUTH"), e.getMessage());
    }
  }

  private static RedisCacheStore connect(String url) {
    return RedisCacheStore.connect(new RedisSettings(url, List.of(), Duration.ofMillis(250), Duration.ofMillis(250),
        4, 3, Duration.ofSeconds(2)));
  }
}
