package io.querylens.demo.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import redis.clients.jedis.Jedis;

/**
 * When the demo starts its own Redis, and that it is a real one that stops again. A free port stands in for 6379,
 * which a build must not take (a developer's own Redis may be there).
 */
class EmbeddedRedisTest {

  private final int port = freeLoopbackPort();

  @Test
  void startsARealRedisWhenNoneIsConfiguredAndStopsIt() {
    EmbeddedRedis redis = new EmbeddedRedis(name -> null, name -> null, port);
    try {
      redis.start(new MockEnvironment());

      assertThat(redis.running()).isTrue();
      try (Jedis client = new Jedis("127.0.0.1", port)) {
        assertThat(client.ping()).isEqualTo("PONG");
        assertThat(client.configGet("save")).as("in memory only").containsEntry("save", "");
        assertThat(client.configGet("appendonly")).containsEntry("appendonly", "no");
      }
      assertThat(new EmbeddedRedis(name -> null, name -> null, port).plan(new MockEnvironment()))
          .as("a second demo on the same machine uses the first one's Redis")
          .isEqualTo(new EmbeddedRedis.Plan(false, "Redis for @Cached: localhost:" + port
              + ", which was already listening; no embedded Redis started"));
    } finally {
      redis.stop();
    }
    assertThat(redis.running()).isFalse();
    assertThat(EmbeddedRedis.listening("localhost", port)).as("stopped").isFalse();
  }

  @Test
  void aConfiguredRedisUrlStartsNothing() {
    Map<String, String> environment = Map.of("QUERYLENS_REDIS_URL", "redis://cache:secret@redis.example:6380/2");
    EmbeddedRedis fromEnvironment = new EmbeddedRedis(environment::get, name -> null, port);
    EmbeddedRedis fromProperty =
        new EmbeddedRedis(name -> null, Map.of("querylens.redis.url", "redis://10.0.0.7:6379")::get, port);

    EmbeddedRedis.Plan plan = fromEnvironment.plan(new MockEnvironment());

    assertThat(plan.startServer()).isFalse();
    assertThat(plan.message()).isEqualTo("Redis for @Cached: redis://***@redis.example:6380/2 (from "
        + "QUERYLENS_REDIS_URL); no embedded Redis started");
    assertThat(fromProperty.plan(new MockEnvironment()).message()).contains("redis://10.0.0.7:6379")
        .contains("-Dquerylens.redis.url");
  }

  @Test
  void thePropertyTurnsItOff() {
    EmbeddedRedis redis = new EmbeddedRedis(name -> null, name -> null, port);

    redis.start(new MockEnvironment().withProperty("demo.redis.embedded", "false"));

    assertThat(redis.running()).isFalse();
    assertThat(redis.plan(new MockEnvironment().withProperty("demo.redis.embedded", "false")).message())
        .contains("demo.redis.embedded=false");
  }

  @Test
  void passwordsStayOutOfTheLog() {
    assertThat(EmbeddedRedis.withoutPassword("redis://:secret@host:6379")).isEqualTo("redis://***@host:6379");
    assertThat(EmbeddedRedis.withoutPassword("rediss://user:p4ss@host:6380/1")).isEqualTo("rediss://***@host:6380/1");
    assertThat(EmbeddedRedis.withoutPassword("redis//:s3cret@127.0.0.1:6394")).isEqualTo("redis//***@127.0.0.1:6394");
    assertThat(EmbeddedRedis.withoutPassword("redis://:pa/ss@host:6379")).isEqualTo("redis://***@host:6379");
    assertThat(EmbeddedRedis.withoutPassword("redis://host:6379")).isEqualTo("redis://host:6379");
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }
}
