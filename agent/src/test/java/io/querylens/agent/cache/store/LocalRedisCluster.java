package io.querylens.agent.cache.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster of masters only (no replicas), made by hand because embedded-redis ships no redis-cli: each node
 * gets an equal share of the 16384 slots with CLUSTER ADDSLOTS (ADDSLOTSRANGE needs Redis 7), the first node MEETs the
 * others, and {@link #start} returns once every node reports {@code cluster_state:ok}. Each node keeps its
 * {@code nodes.conf} in its own directory, so a stopped node restarts into the cluster with its slots.
 */
public final class LocalRedisCluster implements AutoCloseable {
  private static final int SLOTS = 16384;

  private final List<RedisProcess> nodes;

  private LocalRedisCluster(List<RedisProcess> nodes) {
    this.nodes = nodes;
  }

  public static LocalRedisCluster start(int masters) throws Exception {
    LocalRedisCluster cluster = new LocalRedisCluster(new ArrayList<>());
    try {
      for (int i = 0; i < masters; i++) {
        cluster.nodes.add(RedisProcess.launchOn(RedisProcess.freeClusterPort(),
            "cluster-enabled yes",
            "cluster-config-file nodes.conf",
            // Long enough that a node stopped by a test is never failed over (there are no replicas to promote) and
            // the cluster stays up for the slots of the others.
            "cluster-node-timeout 15000",
            // Otherwise a node learns its own address only from its peers' packets, and until then lists it empty.
            "cluster-announce-ip " + RedisProcess.HOST));
      }
      for (int i = 0; i < masters; i++) {
        int node = i;
        try (Jedis admin = cluster.nodes.get(i).admin()) {
          admin.clusterAddSlots(IntStream.range(0, SLOTS).filter(slot -> cluster.ownerOf(slot) == node).toArray());
        }
      }
      try (Jedis first = cluster.nodes.get(0).admin()) {
        for (RedisProcess other : cluster.nodes.subList(1, masters)) {
          first.clusterMeet(RedisProcess.HOST, other.port());
        }
      }
      cluster.awaitOk(Duration.ofSeconds(30));
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  List<RedisProcess> nodes() {
    return nodes;
  }

  /** {@code host:port} of every node, as RedisSettings.clusterNodes wants them. */
  public List<String> seeds() {
    return nodes.stream().map(node -> RedisProcess.HOST + ":" + node.port()).collect(Collectors.toList());
  }

  /** The index of the node that serves {@code key}. */
  int ownerOf(String key) {
    return ownerOf(JedisClusterCRC16.getSlot(key));
  }

  /** Waits until every running node reports {@code cluster_state:ok} and knows all the others. */
  void awaitOk(Duration atMost) {
    Await.until(atMost, "every node of " + seeds() + " reports cluster_state:ok and knows all the others", () -> {
      for (RedisProcess node : nodes) {
        try (Jedis admin = node.admin()) {
          String info = admin.clusterInfo();
          if (!info.contains("cluster_state:ok") || !info.contains("cluster_known_nodes:" + nodes.size())
              || !info.contains("cluster_slots_ok:" + SLOTS)) {
            return false;
          }
        } catch (RuntimeException notUpYet) {
          return false;
        }
      }
      return true;
    });
  }

  @Override
  public void close() {
    nodes.forEach(RedisProcess::close);
  }

  private int ownerOf(int slot) {
    return Math.min(slot / (SLOTS / nodes.size()), nodes.size() - 1);
  }
}
