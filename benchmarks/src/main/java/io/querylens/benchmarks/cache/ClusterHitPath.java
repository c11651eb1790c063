package io.querylens.benchmarks.cache;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.agent.cache.store.CacheKeys;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.JedisCluster;

/**
 * The ways of answering the listing from a Redis Cluster ({@link BenchCluster}) that {@link HitClusterBenchmark}
 * compares: the same JSON bytes as {@link HitPath}'s, read through a cluster client. The keys of the variants without
 * the agent carry the agent's hash tags, {@code {bench-tables}} for the entry and {@code {querylens}} for the table
 * versions, so that each round trip goes to the same master as the agent's.
 */
public enum ClusterHitPath implements CacheVariant {
  /**
   * The floor on a cluster: one {@code GET} through {@link JedisCluster} (its slot lookup included), then the same
   * Jackson decode as {@link HitPath#FLOOR}.
   */
  FLOOR(false, Map.of("get", 1)) {
    @Override
    public Source open() {
      byte[] key = HitPath.bytes("bench:{" + CachedRecipes.TABLES_CACHE + "}:floor");
      return HitPath.plainGet(BenchCluster.connect(), key);
    }
  },

  /**
   * The agent's cluster hit by hand: one {@code MGET} of entry, generation, entry version and lock in the entry's
   * slot, the generation compared; one {@code MGET} of the versions of {@code *}, {@code food}, {@code ingredient}
   * and {@code recipe} in their own slot, compared with the header's; then the decode, in place.
   * {@code QUERYLENS - FLOOR_TWO_MGETS} is what the agent's Java side adds around the same two round trips.
   */
  FLOOR_TWO_MGETS(false, Map.of("mget", 2)) {
    @Override
    public Source open() {
      ObjectMapper mapper = new ObjectMapper();
      JavaType type = Cookbook.listType(mapper);
      String entry = "bench:{" + CachedRecipes.TABLES_CACHE + "}:by-hand";
      byte[][] entryKeys = {HitPath.bytes(entry), HitPath.bytes(entry + ":" + CacheKeys.GENERATION_SUFFIX),
          HitPath.bytes(entry + CacheKeys.VERSION_SUFFIX), HitPath.bytes(entry + CacheKeys.LOCK_SUFFIX)};
      List<String> tables = List.of("*", "food", "ingredient", "recipe");
      byte[][] versionKeys = new byte[tables.size()][];
      StringBuilder header = new StringBuilder("QL2 q=0 g=0@" + HitPath.FLOOR_RUN + " t=");
      JedisCluster cluster = BenchCluster.connect();
      for (int t = 0; t < tables.size(); t++) {
        versionKeys[t] = HitPath.bytes("bench:table:{querylens}:" + tables.get(t));
        // Small versions, as an application's would be; '*' stays absent, which reads as 0, as in the agent's.
        if (t > 0) {
          cluster.set(versionKeys[t], HitPath.bytes(Integer.toString(t + 1)));
        }
        header.append(t == 0 ? "" : ",").append(tables.get(t)).append(':').append(t == 0 ? 0 : t + 1);
      }
      cluster.set(entryKeys[0], HitPath.withHeader(header.toString(), Cookbook.json(mapper)));
      // HitPath.current reads the generation at [1] and the versions from [2]: this array, refilled per call.
      byte[][] checked = new byte[2 + tables.size()][];
      return new Source() {
        @Override
        public Object call(long n) throws Exception {
          List<byte[]> first = cluster.mget(entryKeys);
          List<byte[]> versions = cluster.mget(versionKeys);
          byte[] value = first.get(0);
          checked[0] = value;
          checked[1] = first.get(1);
          for (int t = 0; t < versions.size(); t++) {
            checked[2 + t] = versions.get(t);
          }
          int end = HitPath.indexOf(value, (byte) '\n');
          if (!HitPath.current(value, end, Arrays.asList(checked))) {
            throw new IllegalStateException("the entry's generation or versions are not current");
          }
          return mapper.readValue(value, end + 1, value.length - end - 1, type);
        }

        @Override
        public long bodyRuns() {
          return 0;
        }

        @Override
        public void close() {
          cluster.close();
        }
      };
    }
  },

  /**
   * A hit of {@code @Cached} {@link CachedRecipes#listingFromDb()} in a JVM whose agent is on the cluster
   * ({@code redis.cluster-nodes}), automatic invalidation on: the entry depends on {@code *} and three tables, so the
   * hit is two {@code MGET}s, no script.
   */
  QUERYLENS(true, Map.of("mget", 2, "evalsha", 0)) {
    @Override
    public Source open() throws Exception {
      CachedRecipes recipes = new CachedRecipes();
      BenchDb.pool(); // the tables, created (and their versions bumped) before the fill reads them
      try (JedisCluster cluster = BenchCluster.connect()) {
        return HitPath.agentHit(cluster, recipes, recipes::listingFromDb, CachedRecipes.TABLES_CACHE,
            "CachedRecipes.listingFromDb@", HitPath.tablesField(cluster));
      }
    }
  };

  private final boolean agent;
  private final Map<String, Integer> commands;

  ClusterHitPath(boolean agent, Map<String, Integer> commands) {
    this.agent = agent;
    this.commands = commands;
  }

  @Override
  public boolean agent() {
    return agent;
  }

  /** Summed over the cluster's nodes ({@link HitClusterBenchmark#adminConnections()}). */
  @Override
  public Map<String, Integer> commandsPerCall() {
    return commands;
  }

  @Override
  public boolean runsBody() {
    return false;
  }
}
