package io.querylens.benchmarks.cache;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import redis.clients.jedis.Jedis;

/** What {@link MissCostBenchmark} compares: the uncached call, the cached one missing, and the floor of a miss. */
public enum MissPath implements CacheVariant {
  /** {@link CachedRecipes#page(long)} in a JVM without the agent: the method's own cost, next to nothing. */
  UNCACHED(false, null) {
    @Override
    public Source open() {
      return page(new CachedRecipes());
    }

    @Override
    public void check(long ops, long commands, long bodyRuns) {
      CacheVariant.require(bodyRuns == ops, this + ": the method ran " + bodyRuns + " times in " + ops
          + " operations");
    }
  },

  /**
   * {@link CachedRecipes#page(long)} with the agent, a new argument each call: one lookup script that finds nothing
   * and takes the fill lock, the body, the encode on the caller's thread, and the hand-off of the write to the
   * agent's fill thread, which writes it while the next calls run.
   */
  QUERYLENS(true, "evalsha") {
    @Override
    public Source open() {
      return page(new CachedRecipes());
    }

    /**
     * One lookup per operation and the body each time. The fills are {@code EVALSHA}s too, landing a little later:
     * between one and two scripts per operation, give or take the fill queue's 1,024 places carried over from the
     * previous iteration.
     */
    @Override
    public void check(long ops, long commands, long bodyRuns) {
      CacheVariant.require(bodyRuns == ops, this + ": the method ran " + bodyRuns + " times in " + ops
          + " operations; they were not all misses");
      CacheVariant.require(commands >= ops && commands <= 2 * ops + 1024, this + ": Redis ran " + commands
          + " scripts in " + ops + " operations; a miss is one lookup, then one fill");
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

  private static Source page(CachedRecipes recipes) {
    return new Source() {
      @Override
      public Object call(long n) {
        return recipes.page(n);
      }

      @Override
      public long bodyRuns() {
        return recipes.bodyRuns();
      }

      @Override
      public void close() {}
    };
  }
}
