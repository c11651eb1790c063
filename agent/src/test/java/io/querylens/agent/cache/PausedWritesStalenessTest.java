package io.querylens.agent.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.agent.cache.store.CacheKeys;
import io.querylens.agent.request.CacheCall;
import io.querylens.agent.request.ThreadContext;
import io.querylens.agent.cache.codec.CacheCodec;
import io.querylens.agent.cache.store.RedisCacheStore;
import io.querylens.agent.cache.store.RedisProcess;
import io.querylens.agent.cache.store.RedisSettings;
import io.querylens.agent.invalidation.TableVersions;
import io.querylens.agent.invalidation.WriteTracker;
import io.querylens.agent.jdbc.tables.TableExtractor;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;

/**
 * The staleness docs/CACHING.md states for a Redis that refuses writes for a while ({@code CLIENT PAUSE ... WRITE}, which is
 * what a {@code FAILOVER} does): a commit returns after at most {@code redis.timeout} with its bump owed; another JVM
 * (here an engine on a store of its own) keeps serving the entry read before it while writes are refused, and no
 * longer than that: the owed bump waits in Redis's queue and lands as soon as writes resume. Measured with a real
 * redis-server, a reader polling every 5 ms; the numbers are printed.
 */
class PausedWritesStalenessTest {
  private static final String METHOD = Menu.class.getName() + ".dishes(Ljava/lang/String;)Ljava/util/List;";
  private static final String SELECT = "select d.name from dish d";
  private static final String UPDATE = "update dish set name = 'x' where id = 1";
  /** What a loaded 2-core machine may add to "as soon as writes resume": a poll, a round trip, a scheduler hiccup. */
  private static final long MARGIN_MILLIS = 1_000;

  static final class Menu {
    List<String> dishes(String course) {
      return List.of(course);
    }
  }

  /** One JVM's cache: its own store, versions (owed bumps), tracker and engine. */
  private static final class Jvm implements AutoCloseable {
    final RedisCacheStore store;
    final TableVersions versions;
    final WriteTracker tracker;
    final CacheEngine engine;

    Jvm(String url) {
      store = RedisCacheStore.connect(new RedisSettings(url, null, Duration.ofMillis(250), Duration.ofMillis(250), 4,
          3, Duration.ofSeconds(2)));
      MethodRegistry registry = new MethodRegistry();
      registry.registerCached(METHOD, new CachedMethod(Menu.class.getName(), "dishes",
          "(Ljava/lang/String;)Ljava/util/List;", "paused", "", false, true, Menu.class.getClassLoader()));
      versions = new TableVersions(store, "querylens");
      tracker = new WriteTracker(new TableExtractor(100), versions, Set.of(), message -> { });
      engine = new CacheEngine(registry, new CacheCodec(), store,
          new CacheSettings("querylens", 60_000, 1_000, 250, message -> { }), versions, tracker);
    }

    CacheCall lookup() {
      return engine.lookup(METHOD, Menu.class, new Object[] {"starters"});
    }

    /** The body of the method on a miss: reads table dish. */
    void runBody(CacheCall call, String value) {
      if (!call.isHit()) {
        tracker.executed(ThreadContext.current(), null, SELECT, false);
        engine.complete(call, List.of(value), null);
      }
    }

    @Override
    public void close() {
      store.close();
    }
  }

  @ParameterizedTest(name = "a {0} ms pause")
  @ValueSource(ints = {2_000, 4_000})
  void anotherJvmServesTheOldEntryOnlyWhileWritesAreRefused(int pauseMillis) throws Exception {
    try (RedisProcess redis = RedisProcess.launch();
        Jvm writer = new Jvm(redis.url());
        Jvm reader = new Jvm(redis.url());
        Jedis admin = redis.admin()) {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!reader.lookup().isHit()) {
        assertTrue(System.nanoTime() < deadline, "the entry was never stored");
        reader.runBody(reader.lookup(), "old rows");
        Thread.sleep(20);
      }
      writer.lookup(); // the writer's connections are open, as in a running application

      AtomicLong lastStaleNanos = new AtomicLong();
      AtomicLong firstFreshNanos = new AtomicLong();
      Thread polling = new Thread(() -> {
        while (firstFreshNanos.get() == 0) {
          CacheCall call = reader.lookup();
          if (call.isHit()) {
            lastStaleNanos.set(System.nanoTime());
          } else if (call.outcome() == CacheCall.Outcome.STALE) {
            firstFreshNanos.set(System.nanoTime());
          }
          if (!call.isHit()) {
            reader.engine.complete(call, List.of("uncached"), null);
          }
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "reader");

      admin.clientPause(pauseMillis, ClientPauseMode.WRITE);
      long pauseEnds = System.nanoTime() + pauseMillis * 1_000_000L;
      polling.start();
      long commitStarts = System.nanoTime();
      writer.tracker.executed(ThreadContext.current(), null, UPDATE, false); // an auto-commit write
      long commitNanos = System.nanoTime() - commitStarts;
      polling.join(pauseMillis + 15_000);

      long staleAfterPause = (lastStaleNanos.get() - pauseEnds) / 1_000_000;
      long freshAfterPause = (firstFreshNanos.get() - pauseEnds) / 1_000_000;
      System.out.printf(Locale.ROOT, "CLIENT PAUSE %d WRITE: the commit returned after %d ms; the other JVM served "
          + "the old entry until %+d ms after the pause ended, and saw it stale %+d ms after%n", pauseMillis,
          commitNanos / 1_000_000, staleAfterPause, freshAfterPause);
      assertTrue(firstFreshNanos.get() != 0, "the bump never reached Redis");
      assertTrue(commitNanos < 2_000_000_000L, "the commit waited " + commitNanos / 1_000_000 + " ms");
      assertTrue(freshAfterPause < MARGIN_MILLIS, "stale " + freshAfterPause + " ms after writes resumed");
      assertTrue(Long.parseLong(admin.get(CacheKeys.tableVersionKey("querylens", "dish"))) >= 1, "the bump landed");
    }
  }
}
