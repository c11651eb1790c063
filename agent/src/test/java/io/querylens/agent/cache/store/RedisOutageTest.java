package io.querylens.agent.cache.store;

import static io.querylens.agent.cache.store.RedisCacheStoreTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Redis going away and coming back: no call hangs, the circuit opens and then keeps the network out of it, and the
 * store recovers by itself once Redis is back on the same port. Each test owns its servers and stops them in
 * {@code finally}.
 */
class RedisOutageTest {
  private static final Duration TIMEOUT = Duration.ofMillis(250);
  private static final Duration OPEN = Duration.ofSeconds(2);
  private static final Duration RECOVERY = Duration.ofSeconds(20);

  @Test
  void stoppingRedisOpensTheCircuitAndRestartingItClosesItAgain() throws Exception {
    RedisProcess redis = RedisProcess.launch();
    try (RedisCacheStore store = connect(redis.url(), 4)) {
      StoreCommands.set(store, bytes("k"), bytes("v"), 60_000);
      // Fill the pool with idle connections that the restart will kill, so recovery must cope with stale ones.
      parallelGets(store, 4);

      redis.stop();
      for (int failure = 1; failure <= 3; failure++) {
        assertFalse(store.isOpen(), "open after only " + (failure - 1) + " failures");
        StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.get(store, bytes("k")));
        assertFalse(e.isCircuitOpen(), "call " + failure + " should have tried Redis: " + e.getMessage());
      }
      assertTrue(store.isOpen(), "three consecutive failures open the circuit");

      // While open, calls must not touch the network at all: something listens on Redis's port and counts.
      try (ConnectionCounter listener = new ConnectionCounter(redis.port())) {
        long openedAt = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
          StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.get(store, bytes("k")));
          assertTrue(e.isCircuitOpen(), e.getMessage());
          assertTrue(e.getMessage().startsWith("circuit open"), e.getMessage());
        }
        StoreCalls.failure(() -> StoreCommands.set(store, bytes("k"), bytes("v"), 1000));
        StoreCalls.failure(() -> StoreCommands.deleteByPrefix(store, "k"));
        boolean stillInsideTheOpenPeriod = System.nanoTime() - openedAt < OPEN.toNanos();
        if (stillInsideTheOpenPeriod) {
          assertEquals(0, listener.accepted(), "a refused call opened a connection");
        } else {
          assertTrue(listener.accepted() <= 1, "more than one probe in one open period");
        }
      }

      redis.start();
      Await.until(RECOVERY, "the store recovers by itself once Redis is back", () -> {
        StoreCalls.Outcome outcome = StoreCalls.attempt(() -> StoreCommands.get(store, bytes("k")));
        return !outcome.failed();
      });
      assertFalse(store.isOpen());
      StoreCommands.set(store, bytes("after"), bytes("restart"), 60_000);
      assertArrayEquals(bytes("restart"), StoreCommands.get(store, bytes("after")));
    } finally {
      redis.close();
    }
  }

  @Test
  void aRedisThatIsDownAtStartDoesNotStopTheStoreAndIsPickedUpLater() throws Exception {
    int port = RedisProcess.freePort();
    long start = System.nanoTime();
    RedisCacheStore store = connect("redis://127.0.0.1:" + port, 4);
    assertTrue(System.nanoTime() - start < StoreCalls.NO_HANG.toNanos(), "connect blocked");
    RedisProcess redis = null;
    try (store) {
      StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.get(store, bytes("k")));
      assertTrue(e.getMessage().startsWith("connection refused: "), e.getMessage());
      assertTrue(e.getMessage().contains("127.0.0.1:" + port), "the message names the server: " + e.getMessage());

      redis = RedisProcess.launchOn(port);
      Await.until(RECOVERY, "the store uses the Redis that came up", () ->
          !StoreCalls.attempt(() -> StoreCommands.set(store, bytes("k"), bytes("v"), 60_000)).failed());
      assertArrayEquals(bytes("v"), StoreCommands.get(store, bytes("k")));
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOutAndAnExhaustedPoolFailsFast() throws Exception {
    // Accepts connections and then says nothing: the read timeout, not the connect timeout, must end each call.
    try (Silent silent = new Silent(); RedisCacheStore store = connect("redis://127.0.0.1:" + silent.port(), 1)) {
      StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.get(store, bytes("k")));
      assertTrue(e.getMessage().startsWith("timeout: "), e.getMessage());
    }
    // One connection, four callers: the three that find the pool empty must give up within the socket timeout.
    try (Silent silent = new Silent(); RedisCacheStore store = connect("redis://127.0.0.1:" + silent.port(), 1)) {
      List<String> messages = new CopyOnWriteArrayList<>();
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          calls.add(threads.submit(() -> messages.add(StoreCalls.failure(() -> StoreCommands.get(store, bytes("k"))).getMessage())));
        }
        for (Future<?> call : calls) {
          call.get(30, TimeUnit.SECONDS);
        }
      } finally {
        threads.shutdownNow();
      }
      assertEquals(4, messages.size());
      assertTrue(messages.stream().allMatch(m -> m.startsWith("timeout: ")
          || m.startsWith("connection pool exhausted: ") || m.startsWith("circuit open")), messages::toString);
    }
  }

  /**
   * A caller interrupted while it waits for a pooled connection gets the store's exception with its interrupt status
   * intact, and the interruption is not held against Redis.
   */
  @Test
  void anInterruptedCallerKeepsItsInterruptAndIsNotCountedAsARedisFailure() throws Exception {
    try (Silent silent = new Silent(); RedisCacheStore store = connect("redis://127.0.0.1:" + silent.port(), 1)) {
      Thread holder = new Thread(() -> StoreCalls.attempt(() -> StoreCommands.get(store, bytes("k"))), "holds-the-only-connection");
      holder.start();
      Await.until(Duration.ofSeconds(5), "the first caller has the pool's only connection",
          () -> silent.accepted() == 1);
      for (int i = 0; i < 3; i++) {
        Thread.currentThread().interrupt();
        StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.get(store, bytes("k")));
        assertTrue(Thread.interrupted(), "the interrupt status was swallowed");
        assertTrue(e.getMessage().startsWith("interrupted"), e.getMessage());
      }
      holder.join(10_000);
      assertFalse(store.isOpen(), "only the first caller's timeout counted: one failure of three");
    }
  }

  @Test
  void aClusterThatIsDownAtStartDoesNotStopTheStore() {
    List<String> seeds = List.of("127.0.0.1:" + RedisProcess.freePort(), "127.0.0.1:" + RedisProcess.freePort());
    long start = System.nanoTime();
    try (RedisCacheStore store = RedisCacheStore.connect(
        new RedisSettings(null, seeds, TIMEOUT, TIMEOUT, 4, 3, OPEN))) {
      assertTrue(System.nanoTime() - start < StoreCalls.NO_HANG.toNanos(), "connect blocked");
      assertEquals("cluster " + String.join(",", seeds), store.describe());
      for (int i = 0; i < 3; i++) {
        StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.get(store, bytes("k")));
        assertTrue(e.getMessage().startsWith("connection refused: "), e.getMessage());
      }
      assertTrue(store.isOpen());
    }
  }

  /**
   * One master of three stops: calls for its slots fail, each within the bound, while the other masters keep
   * answering, so the circuit (which counts consecutive failures) stays closed for them. Once the master is back, with
   * its slots, its keys are served again.
   */
  @Test
  void aStoppedClusterMasterFailsOnlyItsOwnSlotsAndIsUsedAgainOnceBack() throws Exception {
    try (LocalRedisCluster cluster = LocalRedisCluster.start(3);
        RedisCacheStore store = RedisCacheStore.connect(
            new RedisSettings(null, cluster.seeds(), TIMEOUT, TIMEOUT, 4, 3, OPEN))) {
      String onStopped = keyServedBy(cluster, 1);
      String onRunning = keyServedBy(cluster, 0);
      StoreCommands.set(store, bytes(onStopped), bytes("v"), 60_000);
      StoreCommands.set(store, bytes(onRunning), bytes("v"), 60_000);

      RedisProcess stopped = cluster.nodes().get(1);
      stopped.stop();
      for (int i = 0; i < 3; i++) {
        StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.get(store, bytes(onStopped)));
        assertFalse(e.isCircuitOpen(), e.getMessage());
        StoreCalls.Outcome other = StoreCalls.attempt(() -> assertArrayEquals(bytes("v"), StoreCommands.get(store, bytes(onRunning))));
        assertFalse(other.failed(), other.message());
      }
      assertFalse(store.isOpen());

      stopped.start();
      Await.until(RECOVERY, "the restarted master serves its slots again",
          () -> !StoreCalls.attempt(() -> StoreCommands.set(store, bytes(onStopped), bytes("again"), 60_000)).failed());
      assertArrayEquals(bytes("again"), StoreCommands.get(store, bytes(onStopped)));
    }
  }

  private static String keyServedBy(LocalRedisCluster cluster, int node) {
    for (int i = 0; ; i++) {
      if (cluster.ownerOf("ql:key:" + i) == node) {
        return "ql:key:" + i;
      }
    }
  }

  private static RedisCacheStore connect(String url, int poolSize) {
    return RedisCacheStore.connect(new RedisSettings(url, List.of(), TIMEOUT, TIMEOUT, poolSize, 3, OPEN));
  }

  private static void parallelGets(RedisCacheStore store, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < threads * 50; i++) {
        calls.add(pool.submit(() -> StoreCommands.get(store, bytes("k"))));
      }
      for (Future<?> call : calls) {
        call.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Listens on a port and counts who connects: proof that the open circuit kept the store off the network. */
  private static final class ConnectionCounter implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    ConnectionCounter(int port) throws IOException {
      socket = new ServerSocket(port, 50, InetAddress.getByName(RedisProcess.HOST));
      acceptor = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket ignored = socket.accept()) {
            accepted.incrementAndGet();
          } catch (IOException closed) {
            return;
          }
        }
      }, "connection-counter");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int accepted() {
      return accepted.get();
    }

    @Override
    public void close() throws Exception {
      socket.close();
      acceptor.join(5_000);
    }
  }

  /** A server that accepts connections and never replies, holding them open until closed. */
  private static final class Silent implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    Silent() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getByName(RedisProcess.HOST));
      acceptor = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            held.add(socket.accept());
          } catch (IOException closed) {
            return;
          }
        }
      }, "silent-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int accepted() {
      return held.size();
    }

    @Override
    public void close() throws Exception {
      socket.close();
      for (Socket connection : held) {
        connection.close();
      }
      acceptor.join(5_000);
    }
  }
}
