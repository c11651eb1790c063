package io.querylens.it.invalidation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.it.cache.TestRedis;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent-wide switches, each in a JVM of its own since the agent reads them once at start-up. The control case,
 * the same program with invalidation on, shows the switch is what keeps the entry.
 */
class InvalidationSwitchesIT {
  private static final String SERVED_OLD_ROWS = "after the write: ranAgain=false names=[soy sauce, mirin, sake]";
  private static final String FRESH = "after the write: ranAgain=true names=[soy sauce, hon mirin, sake]";

  @RegisterExtension
  static final RunningRedis redis = new RunningRedis();

  @Test
  void withInvalidationOnAWriteMakesTheNextCallFresh() throws Exception {
    String output = AgentJvm.run(WriteAfterFillJvm.class, redisUrl(), List.of(), Labels.next());
    assertTrue(output.contains(FRESH), output);
  }

  @Test
  void cacheInvalidationEnabledFalseTurnsItOffForEveryMethod() throws Exception {
    String output = AgentJvm.run(WriteAfterFillJvm.class, redisUrl() + ",cache.invalidation.enabled=false",
        List.of(), Labels.next());
    assertTrue(output.contains(SERVED_OLD_ROWS), output);
  }

  @Test
  void writesToExcludedTablesDoNotInvalidate() throws Exception {
    // A list as a system property, where commas do not separate agent arguments.
    String output = AgentJvm.run(WriteAfterFillJvm.class, redisUrl(),
        List.of("-Dquerylens.cache.invalidation.exclude-tables=food_note,food"), Labels.next());
    assertTrue(output.contains(SERVED_OLD_ROWS), output);
  }

  private static String redisUrl() {
    return "redis.url=redis://127.0.0.1:" + TestRedis.PORT;
  }
}
