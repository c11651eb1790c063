package io.querylens.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void masksUserInfoOfWellFormedAndMistypedUrls() {
    assertEquals("redis://***@host:6379", Secrets.masked("redis://user:s3cret@host:6379"));
    assertEquals("redis//***@127.0.0.1:6394", Secrets.masked("redis//:s3cret@127.0.0.1:6394"));
    assertEquals("redis://***@host", Secrets.masked("redis://:pa/ss@word@host"));
    assertEquals("redis:/***@host", Secrets.masked("redis:/:s3cret@host"));
    assertEquals("***@host:7000", Secrets.masked(":s3cret@host:7000"));
    assertEquals("redis://host:6379/2", Secrets.masked("redis://host:6379/2"));
    assertEquals(null, Secrets.masked(null));
  }

  @Test
  void masksAPasswordTypedWhereThePortShouldBe() {
    assertEquals("redis://***/***", Secrets.masked("redis://user:s3cret/host"));
    assertEquals("redis://host/***", Secrets.masked("redis://host/s3cret"));
    assertEquals("rediss://***", Secrets.masked("rediss://:s3cret"));
    assertEquals("***", Secrets.masked("user:s3cret"));
    assertEquals("***", Secrets.masked("redis:/user:s3cret/host"));
    assertEquals("redis://[::1]:6379/1", Secrets.masked("redis://[::1]:6379/1"));
    assertEquals("redis://localhost", Secrets.masked("redis://localhost"));
    assertEquals("host:7000", Secrets.masked("host:7000"));
  }

  @Test
  void aCommaInsideTheRedisUrlOfTheAgentArgumentsIsPartOfItsPassword() {
    AgentConfig config = AgentConfig.from("redis.url=redis://:pa,ss@host:6379,reports.dir=/tmp/r,"
        + "cache.enabled=true", Map.of(), Map.of());
    assertEquals("redis://:pa,ss@host:6379", config.get(AgentConfig.REDIS_URL));
    assertEquals("/tmp/r", config.get(AgentConfig.REPORTS_DIR));
    assertEquals(java.util.List.of(), config.problems());

    AgentConfig tricky = AgentConfig.from("redis.url=redis://:s3,cret=x@host", Map.of(), Map.of());
    assertEquals("redis://:s3,cret=x@host", tricky.get(AgentConfig.REDIS_URL));
    assertEquals(java.util.List.of(), tricky.problems(), "no piece of the password is taken for an unknown key");
  }

  @Test
  void urlErrorsNeverEchoAPasswordTypedAsAPortOrDatabase() {
    for (String url : new String[] {"redis://user:s3cret/host", "redis://:s3cret", "redis://host/s3cret"}) {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> io.querylens.agent.cache.store.RedisSettings.defaults(url));
      assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
  }

  @Test
  void configurationProblemsNeverEchoAPassword() {
    AgentConfig config = AgentConfig.from("redis://:s3cret@host,redis.url= ", Map.of(),
        Map.of("QUERYLENS_NPLUSONE_THRESHOLD", "u:s3cret@x"));
    String problems = String.join("\n", config.problems());
    assertTrue(problems.contains("agent argument 'redis://***@host' is not key=value"), problems);
    assertTrue(problems.contains("bad value '***@x' for nplusone.threshold"), problems);
    assertFalse(problems.contains("s3cret"), problems);
  }
}
