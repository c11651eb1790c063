package io.querylens.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.it.cache.TestRedis;
import io.querylens.it.invalidation.AgentJvm;
import io.querylens.it.invalidation.Labels;
import io.querylens.it.invalidation.RunningRedis;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a monitoring tool reads from the agent's MBean in a JVM that served five requests: a miss, two hits, a write,
 * and the stale entry's miss. Read from inside that JVM's platform MBean server, as JConsole would over JMX.
 */
class AgentMBeanIT {
  @RegisterExtension
  static final RunningRedis redis = new RunningRedis();

  @Test
  void countsAreExactAndRedisIsUsable(@TempDir Path reports) throws Exception {
    String output = AgentJvm.run(ServedPantryJvm.class, "reports.dir=" + reports + ",redis.url=redis://127.0.0.1:"
        + TestRedis.PORT, List.of(), Labels.next(), "mbean");

    for (String attribute : List.of("CacheHits=2", "CacheMisses=1", "CacheStale=1", "CacheErrors=0",
        "CacheBypasses=0", "Redis=redis://127.0.0.1:" + TestRedis.PORT, "RedisUsable=true", "CircuitBreaker=closed",
        "OwedInvalidationTables=0", "OwedInvalidationBumps=0", "ReportsWritten=5", "ReportsDropped=0")) {
      assertTrue(output.contains("mbean " + attribute + "\n"), attribute + " in\n" + output);
    }
  }

  @Test
  void jmxEnabledFalseRegistersNothing(@TempDir Path reports) throws Exception {
    String output = AgentJvm.run(ServedPantryJvm.class, "reports.dir=" + reports + ",jmx.enabled=false,"
        + "redis.url=redis://127.0.0.1:" + TestRedis.PORT, List.of(), Labels.next(), "mbean");
    assertTrue(output.contains("mbean: none"), output);
  }
}
