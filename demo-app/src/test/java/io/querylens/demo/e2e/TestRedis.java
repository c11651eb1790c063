package io.querylens.demo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary embedded-redis ships) on a free loopback port, for the demo under test to use
 * through {@code QUERYLENS_REDIS_URL}; never 6379, where a developer's own Redis may be. Each JDK's launch gets a
 * fresh one, so no entry of an earlier launch turns a first call into a hit. The queries are the ones docs/CACHING.md tells
 * users to run with {@code redis-cli}: {@code --scan --pattern}, {@code get}, {@code pttl}.
 */
final class TestRedis implements AutoCloseable {

  /** Entries are written off the request thread a few milliseconds after a miss; this only bounds the wait. */
  private static final Duration FILL_TIMEOUT = Duration.ofSeconds(10);

  private final RedisServer server;
  private final int port;

  private TestRedis(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts an in-memory redis-server on a free loopback port. */
  static TestRedis start() throws IOException {
    int port = freeLoopbackPort();
    RedisServer server = RedisServer.newRedisServer()
        .bind("127.0.0.1")
        .port(port)
        .setting("save \"\"")
        .setting("appendonly no")
        .build();
    server.start();
    return new TestRedis(server, port);
  }

  /** For {@code QUERYLENS_REDIS_URL}. */
  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * The entries of one cache, as {@code redis-cli --scan --pattern 'querylens:{<cache>}:*'} lists them, minus the
   * bookkeeping keys beside them (locks, entry versions, the cache's generation).
   */
  Set<String> keys(String cacheName) {
    Set<String> keys = new TreeSet<>();
    try (Jedis jedis = client()) {
      ScanParams pattern = new ScanParams().match("querylens:{" + cacheName + "}:*").count(1000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = jedis.scan(cursor, pattern);
        keys.addAll(page.getResult());
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    keys.removeIf(key -> key.endsWith(":lock") || key.endsWith(":v") || key.endsWith("}:gen"));
    return keys;
  }

  /**
   * The version of a table that the agent keeps for invalidation, {@code querylens:table:{querylens}:<table>}: every
   * committed write to the table moves it on, on every JVM. {@code null} while no write was seen; otherwise only
   * compared, as what a version looks like is the agent's business.
   */
  String tableVersion(String table) {
    try (Jedis jedis = client()) {
      return jedis.get("querylens:table:{querylens}:" + table);
    }
  }

  /**
   * Waits until the cache has exactly one entry, and returns its key.
   *
   * @param context appended to the failure message (the demo's output, typically)
   * @throws AssertionError when there is none within {@link #FILL_TIMEOUT}, or more than one
   */
  String awaitSingleKey(String cacheName, Supplier<String> context) throws InterruptedException {
    long deadline = System.nanoTime() + FILL_TIMEOUT.toNanos();
    Set<String> keys = keys(cacheName);
    while (keys.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      keys = keys(cacheName);
    }
    if (keys.size() != 1) {
      throw new AssertionError("Expected one entry of cache '" + cacheName + "' in Redis at " + url() + " within "
          + FILL_TIMEOUT.toSeconds() + " s of a miss, found " + keys + ". Does the agent write its entries to the "
          + "Redis of QUERYLENS_REDIS_URL?\n" + context.get());
    }
    return keys.iterator().next();
  }

  /** The stored value, as {@code redis-cli get} shows it. */
  byte[] get(String key) {
    try (Jedis jedis = client()) {
      return jedis.get(key.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Milliseconds the entry has left, as {@code redis-cli pttl} shows it. */
  long pttl(String key) {
    try (Jedis jedis = client()) {
      return jedis.pttl(key);
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the test Redis on port " + port, e);
    }
  }

  private Jedis client() {
    return new Jedis("127.0.0.1", port);
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
