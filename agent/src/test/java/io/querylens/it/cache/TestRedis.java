package io.querylens.it.cache;

import java.io.IOException;
import java.util.List;
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
      server = new RedisServer(PORT, List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no"), false);
      server.start();
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
