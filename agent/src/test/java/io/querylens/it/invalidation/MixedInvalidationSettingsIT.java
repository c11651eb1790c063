package io.querylens.it.invalidation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.it.cache.TestRedis;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two JVMs sharing a Redis, one with automatic invalidation off and one with it on: the second never trusts an entry
 * the first stored without its tables (a miss, replaced by a tracked entry that a write makes stale), and each says
 * once what to fix.
 */
class MixedInvalidationSettingsIT {
  private static final String OFF = ",cache.invalidation.enabled=false";

  @RegisterExtension
  static final RunningRedis redis = new RunningRedis();

  @Test
  void aJvmThatTracksTablesReplacesAnEntryStoredWithoutThem() throws Exception {
    String label = Labels.next();
    String fill = AgentJvm.run(MixedSettingsJvm.class, redisUrl() + OFF, List.of(), "fill", label);
    assertTrue(fill.contains("filled: [soy sauce, old mirin, sake]"), fill);

    String check = AgentJvm.run(MixedSettingsJvm.class, redisUrl(), List.of(), "check", label);
    assertTrue(check.contains("first call: ran=true names=[soy sauce, mirin, sake]"),
        "the untracked entry must be a miss: " + check);
    assertTrue(check.contains("after the write: ranAgain=true names=[soy sauce, hon mirin, sake]"),
        "the entry that replaced it goes stale on a write: " + check);
    assertEquals(1, occurrences(check, "WARN querylens - cache inv-plain-jdbc: an entry of"), check);
    assertTrue(check.contains("was stored without the tables it read, by a JVM with "
        + "cache.invalidation.enabled=false"), check);

    String serve = AgentJvm.run(MixedSettingsJvm.class, redisUrl() + OFF, List.of(), "serve", label);
    assertTrue(serve.contains("served: ran=false names=[soy sauce, hon mirin, sake]"), serve);
    assertEquals(1, occurrences(serve, "are stored with the tables they read by another JVM, but here "
        + "cache.invalidation.enabled=false"), serve);
    assertTrue(!serve.contains("\tat "), "no stack trace: " + serve);
  }

  private static String redisUrl() {
    return "redis.url=redis://127.0.0.1:" + TestRedis.PORT;
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
