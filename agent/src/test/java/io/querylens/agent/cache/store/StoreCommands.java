package io.querylens.agent.cache.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.Pool;

/**
 * Plain commands on a {@link RedisCacheStore} that the cache itself never sends, for tests: they go through the
 * store's circuit breaker and turn failures into {@link StoreUnavailableException} exactly as the cache's own calls
 * do, so a test can drive the store (and watch its breaker, health and reconnects) with simple reads and writes.
 */
public final class StoreCommands {
  /** Keys asked of each SCAN round trip by {@link #deleteByPrefix}; the batch UNLINKed after it is about this size. */
  static final int SCAN_BATCH = 1000;

  /** Deletes the lock only if it still holds the caller's token: another owner's lock is never released. */
  static final String UNLOCK_SCRIPT =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

  private static final CommandObjects COMMANDS = new CommandObjects();

  private StoreCommands() {}

  /**
   * @return the value, or null if absent
   * @throws StoreUnavailableException when Redis failed or the circuit is open
   */
  public static byte[] get(RedisCacheStore store, byte[] key) {
    Objects.requireNonNull(key, "key");
    return store.call(redis -> redis.get(key));
  }

  /**
   * {@code SET key value PX ttlMillis}.
   *
   * @throws IllegalArgumentException if {@code ttlMillis} is not positive
   * @throws StoreUnavailableException when Redis failed or the circuit is open
   */
  public static void set(RedisCacheStore store, byte[] key, byte[] value, long ttlMillis) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    requirePositiveTtl(ttlMillis);
    store.call(redis -> redis.set(key, value, SetParams.setParams().px(ttlMillis)));
  }

  /**
   * Deletes the keys, with UNLINK. On a cluster the keys may lie in different slots: they are deleted one slot at a
   * time.
   *
   * @return how many of the keys existed
   */
  public static long delete(RedisCacheStore store, byte[]... keys) {
    for (byte[] key : Objects.requireNonNull(keys, "keys")) {
      Objects.requireNonNull(key, "a key is null");
    }
    if (keys.length == 0) {
      return 0;
    }
    return store.call(redis -> {
      if (!store.clusterMode()) {
        return redis.unlink(keys);
      }
      long removed = 0;
      for (List<byte[]> slotKeys : bySlot(Arrays.asList(keys))) {
        removed += redis.unlink(slotKeys.toArray(new byte[0][]));
      }
      return removed;
    });
  }

  /**
   * Deletes every key that starts with {@code prefix}: SCAN MATCH in batches of about {@value #SCAN_BATCH} keys, each
   * batch UNLINKed before the next SCAN, on the server or on every node of the cluster (the tests' clusters have no
   * replicas). Glob characters in the prefix match only themselves.
   *
   * @return how many keys were deleted
   * @throws IllegalArgumentException if {@code prefix} is empty, which would empty the whole database
   */
  public static long deleteByPrefix(RedisCacheStore store, String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("an empty prefix would delete every key in the database");
    }
    ScanParams params = new ScanParams().match(prefixPattern(prefix)).count(SCAN_BATCH);
    return store.call(redis -> redis instanceof JedisCluster cluster
        ? unlinkOnEveryNode(cluster.getClusterNodes().values(), params)
        : unlinkMatching(redis, params));
  }

  /**
   * {@code SET lockKey token NX PX ttlMillis}, with a token unique to this call.
   *
   * @return the token if the lock was acquired, to be handed to {@link #unlock}; null if someone else holds it
   */
  public static String tryLock(RedisCacheStore store, String lockKey, long ttlMillis) {
    String token = store.newLockToken();
    return store.tryLock(lockKey, token, ttlMillis) ? token : null;
  }

  /** Releases the lock if it still holds {@code token}: another owner's lock (taken after ours expired) stays. */
  public static void unlock(RedisCacheStore store, String lockKey, String token) {
    Objects.requireNonNull(lockKey, "lockKey");
    Objects.requireNonNull(token, "token");
    store.eval(UNLOCK_SCRIPT, List.of(bytes(lockKey)), List.of(bytes(token)));
  }

  /** {@code prefix*}, with the glob characters of the prefix escaped so that they match only themselves. */
  static byte[] prefixPattern(String prefix) {
    StringBuilder pattern = new StringBuilder(prefix.length() + 8);
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        pattern.append('\\');
      }
      pattern.append(c);
    }
    return bytes(pattern.append('*').toString());
  }

  private static long unlinkMatching(UnifiedJedis redis, ScanParams params) {
    long unlinked = 0;
    byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
    ScanResult<byte[]> page;
    do {
      page = redis.scan(cursor, params);
      if (!page.getResult().isEmpty()) {
        unlinked += redis.unlink(page.getResult().toArray(new byte[0][]));
      }
      cursor = page.getCursorAsBytes();
    } while (!page.isCompleteIteration());
    return unlinked;
  }

  /**
   * SCANs each node on its own connection and UNLINKs there what it found. A cluster refuses multi-key commands
   * across slots even on one node, so there is one UNLINK per slot, pipelined: one round trip a batch.
   */
  private static long unlinkOnEveryNode(Collection<? extends Pool<Connection>> nodes, ScanParams params) {
    long unlinked = 0;
    for (Pool<Connection> node : nodes) {
      try (Connection connection = node.getResource()) {
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        ScanResult<byte[]> page;
        do {
          page = connection.executeCommand(COMMANDS.scan(cursor, params));
          unlinked += unlinkBySlot(connection, page.getResult());
          cursor = page.getCursorAsBytes();
        } while (!page.isCompleteIteration());
      }
    }
    return unlinked;
  }

  private static long unlinkBySlot(Connection connection, List<byte[]> keys) {
    if (keys.isEmpty()) {
      return 0;
    }
    Pipeline pipeline = new Pipeline(connection);
    List<Response<Long>> replies = new ArrayList<>();
    for (List<byte[]> slotKeys : bySlot(keys)) {
      replies.add(pipeline.unlink(slotKeys.toArray(new byte[0][])));
    }
    pipeline.sync();
    long unlinked = 0;
    for (Response<Long> reply : replies) {
      unlinked += reply.get();
    }
    return unlinked;
  }

  private static Collection<List<byte[]>> bySlot(List<byte[]> keys) {
    Map<Integer, List<byte[]>> bySlot = new LinkedHashMap<>();
    for (byte[] key : keys) {
      bySlot.computeIfAbsent(JedisClusterCRC16.getSlot(key), slot -> new ArrayList<>()).add(key);
    }
    return bySlot.values();
  }

  private static void requirePositiveTtl(long ttlMillis) {
    if (ttlMillis <= 0) {
      throw new IllegalArgumentException("ttlMillis must be positive, was " + ttlMillis);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
