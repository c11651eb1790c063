package io.querylens.it.invalidation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.agent.cache.store.CacheKeys;
import io.querylens.agent.cache.store.LocalRedisCluster;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;

/**
 * One invalidation round trip on a Redis Cluster of three masters, where a cache's entries and the table versions
 * live in different slots (and so, here, possibly on different masters): fill, served, write, fresh. In a JVM of its
 * own, since the agent reads redis.cluster-nodes once at start-up.
 */
class ClusterInvalidationIT {
  private static LocalRedisCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalRedisCluster.start(3);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void aWriteOnOneJvmMakesTheNextCallFreshThroughTheCluster() throws Exception {
    // Seeds separated by ';': a ',' would end the agent argument.
    String output = AgentJvm.run(WriteAfterFillJvm.class, "redis.cluster-nodes=" + String.join(";", cluster.seeds()),
        List.of(), Labels.next());

    assertTrue(output.contains("after the write: ranAgain=true names=[soy sauce, hon mirin, sake]"), output);
    Set<HostAndPort> seeds = cluster.seeds().stream().map(HostAndPort::from).collect(Collectors.toSet());
    try (JedisCluster redis = new JedisCluster(seeds)) {
      String version = redis.get(CacheKeys.tableVersionKey("querylens", "food"));
      assertTrue(version != null && Long.parseLong(version) > 0, "food's version in the cluster: " + version);
    }
  }
}
