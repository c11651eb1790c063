package io.querylens.benchmarks.cache;

import io.querylens.agent.cache.store.CacheKeys;
import io.querylens.agent.cache.store.CacheScripts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import redis.clients.jedis.Jedis;

/**
 * What {@link WriteCostBenchmark} compares: one write transaction, as a service method annotated
 * {@code @Transactional} runs it on a pooled connection: borrow a connection from HikariCP, {@code
 * setAutoCommit(false)}, one or three prepared {@code UPDATE ... WHERE id = ?} statements (each prepared, executed and
 * closed), {@code commit()}, and return the connection to the pool (which sets auto-commit back). H2 in memory
 * ({@link BenchDb}); the updated row changes from call to call.
 *
 * <p>With the agent, every statement is parsed once (then looked up) for the tables it writes; writes to a table
 * in {@code cache.invalidation.exclude-tables} ({@code audit1..3}, set by {@link CacheRunner}) are dropped there, and
 * writes to any other table ({@code stock1..3}) are remembered per connection until the commit, after which one
 * {@code EVALSHA} of the agent's bump script moves every table's version on, before {@code commit()} returns.
 * {@code TRACKED_n - EXCLUDED_n} is therefore what invalidation adds to a write transaction: that one round trip and
 * the agent's Java side around it. Each constant says how many {@code EVALSHA}s a call must cause; the benchmark
 * checks it after every iteration, so a run that completes has shown one bump per committed transaction whatever
 * its number of statements.
 */
public enum WritePath implements CacheVariant {
  /** One UPDATE of an excluded table, then commit: no bump. */
  EXCLUDED_1(true, "audit", 1, 0),
  /** One UPDATE of a tracked table, then commit: one bump. */
  TRACKED_1(true, "stock", 1, 1),
  /** Three UPDATEs, one per excluded table, then commit: no bump. */
  EXCLUDED_3(true, "audit", 3, 0),
  /** Three UPDATEs, one per tracked table, then commit: one bump of three tables. */
  TRACKED_3(true, "stock", 3, 1),

  /**
   * {@link #EXCLUDED_1} followed by the agent's bump script ({@link CacheScripts#BUMP}) for one table by
   * {@code EVALSHA} on a plain Jedis connection: a bump by hand, the floor of {@link #TRACKED_1}.
   * {@code TRACKED_1 - BUMP_BY_HAND_1} is the agent's Java side around its round trip.
   */
  BUMP_BY_HAND_1(true, "audit", 1, 1) {
    @Override
    public Source open() {
      Source write = super.open();
      Jedis jedis = BenchRedis.connect();
      byte[] sha = jedis.scriptLoad(HitPath.bytes(CacheScripts.BUMP));
      List<byte[]> keys = List.of(HitPath.bytes(CacheKeys.tablesKey("bench")));
      List<byte[]> arguments = List.of(HitPath.bytes(CacheKeys.tableVersionPrefix("bench")), HitPath.bytes("stock1"));
      return new Source() {
        @Override
        public Object call(long n) throws Exception {
          Object updated = write.call(n);
          jedis.evalsha(sha, keys, arguments);
          return updated;
        }

        @Override
        public long bodyRuns() {
          return 0;
        }

        @Override
        public void close() throws Exception {
          write.close();
          jedis.close();
        }
      };
    }
  },

  /** {@link #TRACKED_1} in a JVM without the agent (separate forks only). */
  NO_AGENT_1(false, "stock", 1, 0),
  /** {@link #TRACKED_3} in a JVM without the agent (separate forks only). */
  NO_AGENT_3(false, "stock", 3, 0);

  private final boolean agent;
  private final String tablePrefix;
  private final int statements;
  private final int bumps;

  WritePath(boolean agent, String tablePrefix, int statements, int bumps) {
    this.agent = agent;
    this.tablePrefix = tablePrefix;
    this.statements = statements;
    this.bumps = bumps;
  }

  @Override
  public boolean agent() {
    return agent;
  }

  /** The variants without the agent mean "the same write, no agent": in its JVM they would be instrumented. */
  @Override
  public boolean interleavable() {
    return agent;
  }

  /** EVALSHA, exactly: one per committed transaction that wrote a tracked table, none otherwise. */
  @Override
  public Map<String, Integer> commandsPerCall() {
    return Map.of("evalsha", bumps);
  }

  /** No cached method here. */
  @Override
  public boolean runsBody() {
    return false;
  }

  @Override
  public Source open() {
    DataSource pool = BenchDb.pool();
    String[] updates = new String[statements];
    for (int t = 0; t < statements; t++) {
      updates[t] = "update " + tablePrefix + (t + 1) + " set n = n + 1 where id = ?";
    }
    return new Source() {
      @Override
      public Object call(long n) throws Exception {
        long id = 1 + n % BenchDb.ROWS;
        int updated = 0;
        try (Connection connection = pool.getConnection()) {
          connection.setAutoCommit(false);
          for (String sql : updates) {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
              update.setLong(1, id);
              updated += update.executeUpdate();
            }
          }
          connection.commit();
        }
        if (updated != updates.length) {
          throw new IllegalStateException("updated " + updated + " rows, not " + updates.length);
        }
        return updated;
      }

      @Override
      public long bodyRuns() {
        return 0;
      }

      @Override
      public void close() {}
    };
  }
}
