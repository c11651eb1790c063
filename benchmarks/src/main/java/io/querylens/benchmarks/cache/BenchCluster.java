package io.querylens.benchmarks.cache;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.embedded.RedisServer;

/**
 * The Redis Cluster of {@link HitClusterBenchmark}: three masters, no replicas, started by {@link CacheRunner} only
 * when that question is asked, beside {@link BenchRedis}. Made by hand, as the agent's tests make theirs
 * ({@code LocalRedisCluster}), because embedded-redis ships no redis-cli: each node gets an equal share of the slots
 * with {@code CLUSTER ADDSLOTS} (ADDSLOTSRANGE needs Redis 7, the binary is 6.2), the first node MEETs the others,
 * and {@link #start} returns once every node reports {@code cluster_state:ok}. Each node keeps its
 * {@code nodes.conf} in a temporary directory of its own, deleted on {@link #close}.
 *
 * <p>Forks learn the nodes from {@link #NODES_PROPERTY}; the nodes' process ids go with {@link BenchRedis}'s in
 * {@link BenchRedis#PID_PROPERTY}, so that their work counts as the benchmark's, not as interference.
 */
final class BenchCluster implements AutoCloseable {
  static final String NODES_PROPERTY = "cachebench.cluster.nodes";
  static final int MASTERS = 3;
  private static final String HOST = "127.0.0.1";
  private static final int SLOTS = 16384;

  private final List<RedisServer> servers = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>();
  final List<Integer> ports = new ArrayList<>();
  /** The nodes' process ids, from their {@code INFO server}. */
  final List<Long> pids = new ArrayList<>();

  private BenchCluster() {}

  static BenchCluster start() throws IOException {
    BenchCluster cluster = new BenchCluster();
    try {
      for (int i = 0; i < MASTERS; i++) {
        cluster.launchNode();
      }
      for (int i = 0; i < MASTERS; i++) {
        int node = i;
        try (Jedis admin = admin(cluster.ports.get(i))) {
          admin.clusterAddSlots(IntStream.range(0, SLOTS).filter(slot -> ownerOf(slot) == node).toArray());
        }
      }
      try (Jedis first = admin(cluster.ports.get(0))) {
        for (int port : cluster.ports.subList(1, MASTERS)) {
          first.clusterMeet(HOST, port);
        }
      }
      cluster.awaitOk(Duration.ofSeconds(30));
      for (int port : cluster.ports) {
        try (Jedis admin = admin(port)) {
          cluster.pids.add(Long.parseLong(infoField(admin.info("server"), "process_id")));
        }
      }
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void launchNode() throws IOException {
    int port = freeClusterPort();
    Path dir = Files.createTempDirectory("querylens-bench-cluster-");
    dirs.add(dir);
    RedisServer server = RedisServer.newRedisServer()
        .bind(HOST)
        .port(port)
        .setting("dir " + dir.toAbsolutePath())
        .setting("save \"\"")
        .setting("appendonly no")
        .setting("cluster-enabled yes")
        .setting("cluster-config-file nodes.conf")
        .setting("cluster-node-timeout 15000")
        // Otherwise a node learns its own address only from its peers' packets, and until then lists it empty.
        .setting("cluster-announce-ip " + HOST)
        // Both listeners must be set: embedded-redis drains the process's pipes only for them.
        .soutListener(line -> { })
        .serrListener(line -> { })
        .build();
    servers.add(server);
    server.start();
    ports.add(port);
  }

  /** {@code 127.0.0.1:p1;127.0.0.1:p2;...}: the agent's {@code redis.cluster-nodes} and {@link #NODES_PROPERTY}. */
  String seeds() {
    return ports.stream().map(port -> HOST + ":" + port).collect(Collectors.joining(";"));
  }

  private void awaitOk(Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < deadline) {
      if (ports.stream().allMatch(BenchCluster::ok)) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("the cluster " + seeds() + " did not report cluster_state:ok within " + atMost);
  }

  private static boolean ok(int port) {
    try (Jedis admin = admin(port)) {
      String info = admin.clusterInfo();
      return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + MASTERS)
          && info.contains("cluster_slots_ok:" + SLOTS);
    } catch (RuntimeException notUpYet) {
      return false;
    }
  }

  @Override
  public void close() {
    for (RedisServer server : servers) {
      try {
        server.stop();
      } catch (IOException | RuntimeException alreadyGone) {
        // Nothing left to stop.
      }
    }
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        // A temporary directory left behind is not worth failing a run for.
      }
    }
  }

  /**
   * This fork's cluster nodes, as the runner passed them.
   *
   * @throws IllegalStateException if the fork was not launched by {@link CacheRunner} for {@code hit-cluster}
   */
  static List<HostAndPort> nodes() {
    String nodes = System.getProperty(NODES_PROPERTY);
    if (nodes == null) {
      throw new IllegalStateException("no -D" + NODES_PROPERTY + ": run hit-cluster through"
          + " io.querylens.benchmarks.cache.CacheRunner --benchmarks=hit-cluster, which starts the cluster");
    }
    return Stream.of(nodes.split(";")).map(HostAndPort::from).toList();
  }

  /** A cluster client on this fork's nodes, for the variants without the agent and the set-up. */
  static JedisCluster connect() {
    return new JedisCluster(Set.copyOf(nodes()));
  }

  /** A plain connection to every node, for emptying them and reading their {@code INFO commandstats}. */
  static List<Jedis> admins() {
    return nodes().stream().map(Jedis::new).toList();
  }

  private static Jedis admin(int port) {
    return new Jedis(HOST, port);
  }

  /** The node that gets {@code slot}: equal shares, in order. */
  private static int ownerOf(int slot) {
    return Math.min(slot / (SLOTS / MASTERS), MASTERS - 1);
  }

  private static String infoField(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).trim();
      }
    }
    throw new IllegalStateException("no " + name + " in INFO");
  }

  /** A free loopback port whose cluster bus port (plus 10000) is free too. */
  private static int freeClusterPort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        port = socket.getLocalPort();
      }
      if (port + 10_000 <= 65_535 && isFree(port + 10_000)) {
        return port;
      }
    }
    throw new IOException("no free port pair (p, p + 10000) found on " + HOST);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
