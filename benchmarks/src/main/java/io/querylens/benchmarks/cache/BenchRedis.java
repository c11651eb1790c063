package io.querylens.benchmarks.cache;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

/**
 * The one redis-server of a run: started by {@link CacheRunner} before the first fork (the agent reads
 * {@code redis.url} in {@code premain}, so the port must be known when a fork is launched), used by every fork in
 * turn, each emptying it first, and stopped after the last. Forks learn the port, and the server's process id for
 * {@link OtherProcessesCpuProfiler}, from system properties the runner sets.
 *
 * <p>The binary is embedded-redis's redis-server 6.2, in memory only (no RDB, no AOF), on a free loopback port.
 *
 * <p>The properties are not named {@code querylens.*}: the agent reads those as its own settings and warns about
 * unknown ones.
 */
final class BenchRedis implements AutoCloseable {
  static final String PORT_PROPERTY = "cachebench.redis.port";
  static final String PID_PROPERTY = "cachebench.redis.pid";

  private final RedisServer server;
  final int port;
  /** The server's process id, or -1 if it could not be found (then its CPU counts as other processes'). */
  final long pid;

  private BenchRedis(RedisServer server, int port, long pid) {
    this.server = server;
    this.port = port;
    this.pid = pid;
  }

  /** Starts a redis-server on a free loopback port. */
  static BenchRedis start() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    RedisServer server = RedisServer.newRedisServer()
        .bind("127.0.0.1")
        .port(port)
        .setting("save \"\"")
        .setting("appendonly no")
        .soutListener(line -> { })
        .serrListener(line -> { })
        .build();
    server.start();
    long pid = ProcessHandle.current().children()
        .filter(child -> child.info().command().map(command -> command.contains("redis-server")).orElse(false))
        .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    return new BenchRedis(server, port, pid);
  }

  @Override
  public void close() throws IOException {
    server.stop();
  }

  /**
   * This fork's Redis port.
   *
   * @throws IllegalStateException if the fork was not launched by {@link CacheRunner}
   */
  static int port() {
    String port = System.getProperty(PORT_PROPERTY);
    if (port == null) {
      throw new IllegalStateException("no -D" + PORT_PROPERTY + ": run the cache benchmarks through"
          + " io.querylens.benchmarks.cache.CacheRunner, which starts the redis-server and forks every variant");
    }
    return Integer.parseInt(port);
  }

  /**
   * The process ids of the fork's redis-servers as the runner passed them ({@code ,}-separated: this one, and a
   * cluster's nodes for {@code hit-cluster}), without the unknown ones; empty if it passed none.
   */
  static List<Long> pidsFromRunner() {
    String pids = System.getProperty(PID_PROPERTY);
    return pids == null ? List.of() : Stream.of(pids.split(",")).map(Long::parseLong).filter(pid -> pid > 0)
        .toList();
  }

  /** A plain connection to this fork's Redis, for set-up and the checks. */
  static Jedis connect() {
    return new Jedis("127.0.0.1", port());
  }

  /**
   * How many times the server has run {@code command} (lower case) since it started, from {@code INFO commandstats};
   * commands that scripts call count too. Benchmarks compare two readings with the operations in between to check
   * that each operation is the round trip it claims to be.
   */
  static long calls(Jedis jedis, String command) {
    String prefix = "cmdstat_" + command + ":calls=";
    for (String line : jedis.info("commandstats").split("\r?\n")) {
      if (line.startsWith(prefix)) {
        int end = line.indexOf(',', prefix.length());
        return Long.parseLong(line.substring(prefix.length(), end < 0 ? line.length() : end));
      }
    }
    return 0;
  }
}
