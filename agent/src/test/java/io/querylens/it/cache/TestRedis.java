package io.querylens.it.cache;

import java.io.IOException;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

/**
 * The real redis-server the agent under test talks to, on the port the build reserved and passed to the agent as
 * {@code redis.url}.
 */
public final class TestRedis {
  public static final int PORT = Integer.getInteger("querylens.it.redis.port", 6390);
  private static RedisServer server;

  private TestRedis() {}

  public static synchronized void start() throws IOException {
    if (server == null || !server.isActive()) {
      if (server == null) {
        // Both listeners drain the process's pipes; a full pipe would stall redis-server on its next log line.
        server = RedisServer.newRedisServer().bind("127.0.0.1").port(PORT).setting("save \"\"")
            .setting("appendonly no").soutListener(line -> { }).serrListener(line -> { }).build();
      }
      server.start();
    }
  }

  /**
   * Starts Redis and waits until the agent caches again: after an earlier test class stopped Redis under it, the
   * agent's circuit breaker may stay open for its back-off (at most 30 s) before a probe finds Redis back.
   */
  public static void startAndAwaitCaching() throws IOException, InterruptedException {
    start();
    Probe probe = new Probe();
    long deadline = System.currentTimeMillis() + 45_000;
    while (System.currentTimeMillis() < deadline) {
      int before = probe.runs;
      probe.value();
      if (probe.runs == before) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the agent did not cache within 45 s of Redis being up");
  }

  /** A @Cached method whose only job is to show whether caching works. */
  static final class Probe {
    int runs;

    @io.querylens.annotations.Cached(name = "it-probe")
    String value() {
      runs++;
      return "probe";
    }
  }

  public static synchronized void stop() throws IOException {
    if (server != null && server.isActive()) {
      server.stop();
    }
  }

  public static Jedis client() {
    return new Jedis("127.0.0.1", PORT);
  }
}
