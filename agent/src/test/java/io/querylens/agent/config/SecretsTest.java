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
  void configurationProblemsNeverEchoAPassword() {
    AgentConfig config = AgentConfig.from("redis://:s3cret@host,redis.url= ", Map.of(),
        Map.of("QUERYLENS_NPLUSONE_THRESHOLD", "u:s3cret@x"));
    String problems = String.join("\n", config.problems());
    assertTrue(problems.contains("agent argument 'redis://***@host' is not key=value"), problems);
    assertTrue(problems.contains("bad value '***@x' for nplusone.threshold"), problems);
    assertFalse(problems.contains("s3cret"), problems);
  }
}
