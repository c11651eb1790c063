package io.querylens.benchmarks.cache;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.querylens.agent.cache.store.CacheKeys;
import io.querylens.agent.cache.store.CacheScripts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;

/** What {@link MissCostBenchmark} compares: the uncached call, the cached one missing, and the floor of a miss. */
public enum MissPath implements CacheVariant {
  /**
   * {@link CachedRecipes#plainPage(long)}, the cached method's body without the annotation: the method's own cost,
   * next to nothing.
   */
  UNCACHED(false, Map.of()) {
    @Override
    public Source open() {
      CachedRecipes recipes = new CachedRecipes();
      return new Pausing() {
        @Override
        public Object call(long n) {
          return recipes.plainPage(n);
        }

        @Override
        public long bodyRuns() {
          return recipes.bodyRuns();
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public boolean runsBody() {
      return true;
    }
  },

  /**
   * {@code @Cached} {@link CachedRecipes#page(long)} with the agent, a new argument each call: one {@code MGET} that
   * finds no entry and reads the generation, the entry's version, its lock and the versions of the tables the method
   * is known to read, the body, the encode on the caller's thread, and the hand-off of the fill script to the
   * agent's fill thread. No lock: the body is faster than a waiting JVM's poll. The method's first miss in the fork,
   * which runs the agent's versions script instead because its tables are not known yet, happens in set-up. After each call, untimed, the
   * benchmark waits for the fill to land ({@link Source#settle}), then pauses ({@link Pausing}): every miss is
   * measured as an isolated one, not queued behind earlier fills on a machine whose second core the fill thread
   * would otherwise keep busy. Redis knows three tables ({@link #seedTables}), as an application's would.
   * {@code SET} counts once: the fill script's own {@code SET} of the entry.
   */
  QUERYLENS(true, Map.of("mget", 1, "set", 1, "evalsha", 1)) {
    @Override
    public Source open() {
      CachedRecipes recipes = new CachedRecipes();
      Jedis jedis = BenchRedis.connect();
      seedTables(jedis, CacheKeys.tablesKey(HitPath.AGENT_NAMESPACE),
          CacheKeys.tableVersionPrefix(HitPath.AGENT_NAMESPACE));
      scriptsSeen = BenchRedis.calls(jedis, "evalsha");
      recipes.page(-1); // the method's first miss: versions script and fill, two scripts
      scriptsSeen--;
      awaitFill(jedis);
      // The first, cold, calls are slow enough for the agent to take a lock on the next miss; measured misses of
      // this fast body take none. A few more calls in set-up settle that.
      for (long n = -2; n > -10; n--) {
        recipes.page(n);
        awaitFill(jedis);
      }
      return new Pausing() {
        @Override
        public Object call(long n) {
          return recipes.page(n);
        }

        @Override
        public void settle() {
          awaitFill(jedis);
          super.settle();
        }

        @Override
        public long bodyRuns() {
          return recipes.bodyRuns();
        }

        @Override
        public void close() {
          jedis.close();
        }
      };
    }

    /** A miss runs the body every time. */
    @Override
    public boolean runsBody() {
      return true;
    }
  },

  /**
   * The agent's miss protocol by hand, on plain Jedis: the {@code MGET} of entry, generation, the entry's version,
   * its lock and the versions of {@code *} and the three tables (no entry, no lock), the encode, and the hand-off to
   * a single background thread with its own connection of the agent's fill script, without waking the thread, as
   * the agent's fill thread does (no lock, as the agent takes none for a body this fast); the entry the bare JSON
   * (no header copied in front).
   * {@code QUERYLENS - UNCACHED - FLOOR_PROTOCOL} is what the agent's Java side adds to its own protocol.
   */
  FLOOR_PROTOCOL(false, Map.of("mget", 1, "set", 1, "evalsha", 1)) {
    @Override
    public Source open() {
      ObjectMapper mapper = new ObjectMapper();
      ObjectWriter writer = mapper.writerFor(Cookbook.listType(mapper));
      Jedis jedis = BenchRedis.connect();
      Jedis fillJedis = BenchRedis.connect();
      byte[] fill = jedis.scriptLoad(HitPath.bytes(CacheScripts.FILL));
      String versionPrefix = "bench:table:{bench}:";
      seedTables(jedis, "bench:tables:{bench}", versionPrefix);
      Poller fills = new Poller();
      byte[] ttl = HitPath.bytes("250");
      byte[] generationKey = HitPath.bytes("bench:{floor-miss}:" + CacheKeys.GENERATION_SUFFIX);
      byte[] anyVersionKey = HitPath.bytes(versionPrefix + "*");
      byte[][] tableKeys = new byte[BenchDb.LISTING_TABLES.size()][];
      for (int i = 0; i < tableKeys.length; i++) {
        tableKeys[i] = HitPath.bytes(versionPrefix + BenchDb.LISTING_TABLES.get(i));
      }
      scriptsSeen = BenchRedis.calls(jedis, "evalsha");
      return new Pausing() {
        @Override
        public Object call(long n) throws Exception {
          String key = "bench:{floor-miss}:" + n;
          byte[] entryKey = HitPath.bytes(key);
          byte[] lockKey = HitPath.bytes(key + CacheKeys.LOCK_SUFFIX);
          byte[] versionKey = HitPath.bytes(key + CacheKeys.VERSION_SUFFIX);
          List<byte[]> found = jedis.mget(entryKey, generationKey, versionKey, lockKey, anyVersionKey, tableKeys[0],
              tableKeys[1], tableKeys[2]);
          if (found.get(0) != null || found.get(3) != null) {
            throw new IllegalStateException("a miss found an entry or a lock");
          }
          byte[] noToken = new byte[0];
          byte[] json = writer.writeValueAsBytes(Cookbook.LISTING);
          byte[] generation = found.get(1) == null ? HitPath.bytes("0") : found.get(1);
          byte[] version = found.get(2) == null ? HitPath.bytes("0") : found.get(2);
          List<byte[]> keys = List.of(entryKey, lockKey, generationKey, versionKey);
          fills.queue.offer(() -> fillJedis.evalsha(fill, keys, List.of(json, ttl, noToken, generation, version)));
          return json;
        }

        @Override
        public void settle() {
          awaitFill(jedis);
          super.settle();
        }

        @Override
        public long bodyRuns() {
          return 0;
        }

        @Override
        public void close() {
          fills.stop();
          jedis.close();
          fillJedis.close();
        }
      };
    }

    @Override
    public boolean runsBody() {
      return false;
    }
  },

  /**
   * The floor of a miss: what a miss cannot avoid over the uncached call, one round trip ({@code PING} on a plain
   * {@link Jedis} connection) and one Jackson encode of the result ({@code writeValueAsBytes}).
   */
  FLOOR(false, Map.of("ping", 1)) {
    @Override
    public Source open() {
      ObjectMapper mapper = new ObjectMapper();
      JavaType type = Cookbook.listType(mapper);
      ObjectWriter writer = mapper.writerFor(type);
      Jedis jedis = BenchRedis.connect();
      return new Pausing() {
        @Override
        public Object call(long n) throws Exception {
          jedis.ping();
          return writer.writeValueAsBytes(Cookbook.LISTING);
        }

        @Override
        public long bodyRuns() {
          return 0;
        }

        @Override
        public void close() {
          jedis.close();
        }
      };
    }

    @Override
    public boolean runsBody() {
      return false;
    }
  };

  /**
   * Scripts Redis has run, as of the last wait for a fill; shared by the variants that fill, whose calls and waits
   * alternate on the benchmark thread.
   */
  private static long scriptsSeen;

  /** The idle time after every measured call, set by {@link MissCostBenchmark}; see {@link Pausing}. */
  static volatile long pauseNanos = 1_000_000;

  private final boolean agent;
  private final Map<String, Integer> commands;

  MissPath(boolean agent, Map<String, Integer> commands) {
    this.agent = agent;
    this.commands = commands;
  }

  @Override
  public boolean agent() {
    return agent;
  }

  @Override
  public Map<String, Integer> commandsPerCall() {
    return commands;
  }

  /**
   * Makes Redis know three tables, {@code food}, {@code ingredient} and {@code recipe}, at small versions, as an
   * application that has written them would.
   */
  static void seedTables(Jedis jedis, String tablesKey, String versionPrefix) {
    for (String table : BenchDb.LISTING_TABLES) {
      jedis.sadd(tablesKey, table);
      jedis.set(versionPrefix + table, "2");
    }
  }

  /**
   * The agent's fill thread reduced to what a miss meets: a queue that the thread, already awake because misses keep
   * coming, checks every millisecond, so that handing a fill over wakes nothing.
   */
  static final class Poller {
    final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean stopped;

    Poller() {
      Thread thread = new Thread(() -> {
        while (!stopped) {
          Runnable task = queue.poll();
          if (task == null) {
            LockSupport.parkNanos(1_000_000);
          } else {
            task.run();
          }
        }
      }, "bench-fill");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() {
      stopped = true;
    }
  }

  /** Waits until the miss just made has been filled: its fill script has run. */
  static void awaitFill(Jedis jedis) {
    long expected = scriptsSeen + 1;
    long deadline = System.nanoTime() + 2_000_000_000L;
    long now = BenchRedis.calls(jedis, "evalsha");
    while (now < expected && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      now = BenchRedis.calls(jedis, "evalsha");
    }
    CacheVariant.require(now >= expected, "a miss's fill did not land within 2 s");
    scriptsSeen = now;
  }

  /**
   * A source that leaves the machine idle for a millisecond ({@link #pauseNanos}) after every call of a measured
   * iteration, the same for every variant, so that each call starts from the same state: both cores idle, Redis
   * waiting. It matters on a virtual machine, where a round trip to a server that has just worked costs far less than
   * one to a server whose CPU went idle; without it, the call that follows the miss's wait for its fill (Redis busy)
   * would be measured on a warm machine and the others on a cold one. A miss is an occasional event, so the cold case
   * is the one that counts most; {@link CacheQuestion#MISS_WARM} measures the other, with no pause. (The guest's idle
   * poll, {@code guest_halt_poll_ns}, defaults to 200 µs; a millisecond is well past it.) Warm-up iterations do not
   * pause, so that the JIT sees each path tens of thousands of times before measurement.
   */
  abstract static class Pausing implements Source {
    private boolean measured;

    @Override
    public void measuring(boolean measuredIteration) {
      this.measured = measuredIteration;
    }

    @Override
    public void settle() {
      long pause = pauseNanos;
      if (!measured || pause == 0) {
        return;
      }
      long end = System.nanoTime() + pause;
      for (long left = pause; left > 0; left = end - System.nanoTime()) {
        LockSupport.parkNanos(left);
      }
    }
  }
}
