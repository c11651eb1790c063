package io.querylens.benchmarks.cache;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
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
        public long bodyRuns() {
          return recipes.bodyRuns();
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void check(long ops, long commands, long bodyRuns) {
      CacheVariant.require(bodyRuns == ops, this + ": the method ran " + bodyRuns + " times in " + ops
          + " operations");
    }
  },

  /**
   * {@code @Cached} {@link CachedRecipes#page(long)} with the agent, a new argument each call: one lookup script that
   * finds nothing and takes the fill lock, the body, the encode on the caller's thread, and the hand-off of the
   * write to the agent's fill thread. After each call, untimed, the benchmark waits for that write to land
   * ({@link Source#settle}): every miss is measured as an isolated one, not queued behind earlier fills on a machine
   * whose second core the fill thread would otherwise keep busy.
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

    /** One lookup and one fill per operation, and the body each time. */
    @Override
    public void check(long ops, long commands, long bodyRuns) {
      CacheVariant.require(bodyRuns == ops, this + ": the method ran " + bodyRuns + " times in " + ops
          + " operations; they were not all misses");
      CacheVariant.require(commands == 2 * ops, this + ": Redis ran " + commands + " scripts in " + ops
          + " operations; a miss is one lookup, then one fill");
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
    public void check(long ops, long commands, long bodyRuns) {
      CacheVariant.require(commands == ops, this + ": Redis ran PING " + commands + " times in " + ops
          + " operations");
    }
  };

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
}
