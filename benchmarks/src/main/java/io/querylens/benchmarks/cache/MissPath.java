package io.querylens.benchmarks.cache;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;

/** What {@link MissCostBenchmark} compares: the uncached call, the cached one missing, and the floor of a miss. */
public enum MissPath implements CacheVariant {
  /**
   * {@link CachedRecipes#plainPage(long)}, the cached method's body without the annotation: the method's own cost,
   * next to nothing.
   */
  UNCACHED(false, null) {
    @Override
    public Source open() {
      CachedRecipes recipes = new CachedRecipes();
      return new Source() {
        @Override
        public Object call(long n) {
          return recipes.plainPage(n);
        }

        @Override
        public void settle() {
          pause();
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
   * {@code @Cached} {@link CachedRecipes#page(long)} with the agent, a new argument each call: one lookup script that
   * finds nothing and takes the fill lock, the body, the encode on the caller's thread, and the hand-off of the
   * write to the agent's fill thread. After each call, untimed, the benchmark waits for that write to land
   * ({@link Source#settle}), then {@link #pause()}s: every miss is measured as an isolated one, not queued behind
   * earlier fills on a machine whose second core the fill thread would otherwise keep busy.
   */
  QUERYLENS(true, "evalsha") {
    @Override
    public Source open() {
      CachedRecipes recipes = new CachedRecipes();
      Jedis jedis = BenchRedis.connect();
      return new Source() {
        /** Scripts Redis has run so far, as of the last settle: each miss adds a lookup and a fill. */
        private long scripts = BenchRedis.calls(jedis, "evalsha");

        @Override
        public Object call(long n) {
          return recipes.page(n);
        }

        @Override
        public void settle() throws InterruptedException {
          long expected = scripts + 2;
          long deadline = System.nanoTime() + 2_000_000_000L;
          long now = BenchRedis.calls(jedis, "evalsha");
          while (now < expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            now = BenchRedis.calls(jedis, "evalsha");
          }
          CacheVariant.require(now >= expected, "the agent's fill did not land within 2 s of its miss");
          scripts = now;
          pause();
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

    /** One lookup, then one fill. */
    @Override
    public int commandsPerCall() {
      return 2;
    }

    /** A miss runs the body every time. */
    @Override
    public boolean runsBody() {
      return true;
    }
  },

  /**
   * The floor of a miss: what a miss cannot avoid over the uncached call, one round trip ({@code PING} on a plain
   * {@link Jedis} connection) and one Jackson encode of the result ({@code writeValueAsBytes}).
   */
  FLOOR(false, "ping") {
    @Override
    public Source open() {
      ObjectMapper mapper = new ObjectMapper();
      JavaType type = Cookbook.listType(mapper);
      ObjectWriter writer = mapper.writerFor(type);
      Jedis jedis = BenchRedis.connect();
      return new Source() {
        @Override
        public Object call(long n) throws Exception {
          jedis.ping();
          return writer.writeValueAsBytes(Cookbook.LISTING);
        }

        @Override
        public void settle() {
          pause();
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
    public int commandsPerCall() {
      return 1;
    }

    @Override
    public boolean runsBody() {
      return false;
    }
  };

  /** The idle time after every call; see {@link #pause()}. */
  static final long PAUSE_NANOS = 1_000_000;

  private final boolean agent;
  private final String command;

  MissPath(boolean agent, String command) {
    this.agent = agent;
    this.command = command;
  }

  @Override
  public boolean agent() {
    return agent;
  }

  @Override
  public String command() {
    return command;
  }

  @Override
  public int commandsPerCall() {
    return 0;
  }

  /**
   * A millisecond of idleness after every call of every variant, so that each starts from the same state: both cores
   * idle, Redis waiting. It matters on a virtual machine, where a round trip to a server that has just worked costs
   * half what one to a server whose CPU went idle costs; without it, the call that follows the miss's wait for its
   * fill (Redis busy) would be measured on a warm machine and the others on a cold one. A miss is an occasional
   * event, so the cold case is the one that counts. (The guest's idle poll, {@code guest_halt_poll_ns}, defaults to
   * 200 µs; a millisecond is well past it.)
   */
  static void pause() {
    long end = System.nanoTime() + PAUSE_NANOS;
    for (long left = PAUSE_NANOS; left > 0; left = end - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
