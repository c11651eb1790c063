package io.querylens.it.faults;

import io.querylens.agent.cache.store.RedisProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The real redis-server a fault test breaks, and the ways it breaks it, as an incident or an operator would: killed
 * and restarted on the same port, asleep, refusing writes, restarted from a snapshot. Starts without persistence; a
 * {@link #save()} writes {@code dump.rdb} into its directory, which a {@link #restart()} loads.
 */
final class RedisFaults implements AutoCloseable {
  private static final String HOST = "127.0.0.1";
  /** Jedis has no constant for it. */
  private static final ProtocolCommand DEBUG = () -> "DEBUG".getBytes(StandardCharsets.US_ASCII);

  private final RedisProcess redis;
  private final String password;

  private RedisFaults(RedisProcess redis, String password) {
    this.redis = redis;
    this.password = password;
  }

  static RedisFaults launch() throws IOException {
    return new RedisFaults(RedisProcess.launch(), null);
  }

  static RedisFaults launchWithPassword(String password) throws IOException {
    return new RedisFaults(RedisProcess.launch("requirepass " + password), password);
  }

  /** The agent setting that points at this server, with this password ({@code null}: none). */
  String urlSetting(String password) {
    return "redis.url=redis://" + (password == null ? "" : ":" + password + "@") + HOST + ":" + redis.port();
  }

  /** The agent setting that points at this server, with its own password. */
  String urlSetting() {
    return urlSetting(password);
  }

  /** {@code kill -9}: no shutdown, no save; the clients' connections are reset. Returns once it is dead. */
  void kill() throws IOException {
    redis.kill();
  }

  /** Starts it again on the same port, from the {@code dump.rdb} in its directory if there is one (else empty). */
  void restart() throws IOException {
    redis.start();
  }

  /** {@code SAVE}: writes the data set to {@code dump.rdb} in its directory now; returns that file. */
  Path save() {
    try (Jedis admin = admin(5_000)) {
      admin.save();
    }
    return redis.dir().resolve("dump.rdb");
  }

  /** {@code GET key}, as an operator would check the server: null if absent. */
  String get(String key) {
    try (Jedis admin = admin(5_000)) {
      return admin.get(key);
    }
  }

  /** {@code CLIENT PAUSE <millis> WRITE}: write commands wait for the pause to end; reads go on. */
  void pauseWrites(Duration pause) {
    try (Jedis admin = admin(5_000)) {
      admin.sendCommand(Protocol.Command.CLIENT, "PAUSE", Long.toString(pause.toMillis()), "WRITE");
    }
  }

  /**
   * {@code DEBUG SLEEP}: the server answers nobody for that long, as a server stalled by a slow command, a fork or
   * swapping would. Returns once it no longer answers.
   */
  Asleep sleep(Duration sleep) throws InterruptedException {
    CompletableFuture<Long> woke = CompletableFuture.supplyAsync(() -> {
      try (Jedis admin = admin((int) sleep.toMillis() + 30_000)) {
        admin.sendCommand(DEBUG, "SLEEP", String.valueOf(sleep.toMillis() / 1000.0));
        return System.nanoTime();
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() - deadline < 0) {
      try (Jedis probe = admin(200)) {
        probe.ping();
      } catch (JedisConnectionException unanswered) {
        return new Asleep(sleep, woke);
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException(redis + " still answers 5 s after DEBUG SLEEP was sent");
  }

  /** A {@link #sleep}, until the server answers it. */
  record Asleep(Duration sleep, CompletableFuture<Long> answered) {
    /**
     * Waits until the server is awake again and returns when it answered the sleep: it slept from {@code sleep}
     * before that, or a little earlier (the answer takes a moment to arrive), until then or a little earlier.
     */
    long awaitWake() throws Exception {
      return answered.get(60, TimeUnit.SECONDS);
    }
  }

  private Jedis admin(int timeoutMillis) {
    return new Jedis(new HostAndPort(HOST, redis.port()),
        DefaultJedisClientConfig.builder().password(password).timeoutMillis(timeoutMillis).build());
  }

  @Override
  public void close() {
    redis.close();
  }

  @Override
  public String toString() {
    return redis.toString();
  }
}
