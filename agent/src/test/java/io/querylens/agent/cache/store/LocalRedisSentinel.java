package io.querylens.agent.cache.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The usual high-availability set-up of one Redis, on loopback: a master, a replica, and one Sentinel (quorum 1) that
 * promotes the replica a second after the master stops answering. Real redis-server processes from the binary
 * embedded-redis ships; the Sentinel is the same binary with {@code --sentinel}.
 */
public final class LocalRedisSentinel implements AutoCloseable {
  public static final String MASTER_NAME = "querylens-master";

  private final RedisProcess master;
  private final RedisProcess replica;
  private final int sentinelPort;
  private final Process sentinel;
  private final Path dir;

  private LocalRedisSentinel(RedisProcess master, RedisProcess replica, int sentinelPort, Process sentinel, Path dir) {
    this.master = master;
    this.replica = replica;
    this.sentinelPort = sentinelPort;
    this.sentinel = sentinel;
    this.dir = dir;
  }

  /** Starts the three processes and returns once the Sentinel knows the replica, so that a failover can happen. */
  public static LocalRedisSentinel launch() throws Exception {
    RedisProcess master = RedisProcess.launch();
    RedisProcess replica = RedisProcess.launch("replicaof " + RedisProcess.HOST + " " + master.port());
    Path dir = Files.createTempDirectory("querylens-sentinel-");
    int port = RedisProcess.freePort();
    Path config = dir.resolve("sentinel.conf");
    Files.writeString(config, String.join("\n",
        "port " + port,
        "bind " + RedisProcess.HOST,
        "dir " + dir.toAbsolutePath(),
        "sentinel monitor " + MASTER_NAME + " " + RedisProcess.HOST + " " + master.port() + " 1",
        "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
        "sentinel failover-timeout " + MASTER_NAME + " 5000",
        "sentinel parallel-syncs " + MASTER_NAME + " 1", ""), StandardCharsets.UTF_8);
    Process sentinel = new ProcessBuilder(RedisProcess.binary().getAbsolutePath(), config.toString(), "--sentinel")
        .redirectErrorStream(true).redirectOutput(dir.resolve("sentinel.log").toFile()).start();
    LocalRedisSentinel setUp = new LocalRedisSentinel(master, replica, port, sentinel, dir);
    try {
      setUp.await(30_000, "the Sentinel sees the replica", () -> {
        try (Jedis jedis = new Jedis(RedisProcess.HOST, port)) {
          List<Object> replicas = (List<Object>) jedis.sendCommand(() -> "SENTINEL".getBytes(StandardCharsets.US_ASCII),
              "REPLICAS", MASTER_NAME);
          return !replicas.isEmpty();
        }
      });
      return setUp;
    } catch (Exception | AssertionError e) {
      setUp.close();
      throw e;
    }
  }

  /** {@code host:port} of the Sentinel, for {@code redis.sentinel.nodes}. */
  public String sentinelNode() {
    return RedisProcess.HOST + ":" + sentinelPort;
  }

  public RedisProcess master() {
    return master;
  }

  public RedisProcess replica() {
    return replica;
  }

  /** The master as the Sentinel names it now. */
  public HostAndPort currentMaster() {
    try (Jedis jedis = new Jedis(RedisProcess.HOST, sentinelPort)) {
      List<String> address = jedis.sentinelGetMasterAddrByName(MASTER_NAME);
      return new HostAndPort(address.get(0), Integer.parseInt(address.get(1)));
    }
  }

  /** Kills the master ({@code kill -9}) and returns once the Sentinel has promoted the replica. */
  public void failOver() throws Exception {
    master.kill();
    await(30_000, "the Sentinel promotes the replica", () -> currentMaster().getPort() == replica.port());
    await(30_000, "the replica accepts writes", () -> {
      try (Jedis jedis = replica.admin()) {
        return jedis.info("replication").contains("role:master");
      }
    });
  }

  /** What the Sentinel logged, for a failure message. */
  public String sentinelLog() throws IOException {
    return Files.readString(dir.resolve("sentinel.log"));
  }

  private void await(long millis, String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      try {
        if (condition.call()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // a server that is starting or stopping
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what + "; Sentinel log:\n" + sentinelLog());
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    sentinel.destroyForcibly();
    try {
      sentinel.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    replica.close();
    master.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }
}
