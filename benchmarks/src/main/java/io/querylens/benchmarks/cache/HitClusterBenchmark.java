package io.querylens.benchmarks.cache;

import java.util.List;
import org.openjdk.jmh.annotations.Param;
import redis.clients.jedis.Jedis;

/**
 * What a {@code @Cached} hit costs on a Redis Cluster, for an entry that depends on tables: there the table versions
 * live in a slot of their own ({@code {querylens}}), so the agent's hit is two {@code MGET}s, one to the entry's
 * master (entry, generation, entry version, lock) and one to the versions' ({@code *}, {@code food},
 * {@code ingredient}, {@code recipe}). {@link ClusterHitPath#QUERYLENS} is that hit of
 * {@link CachedRecipes#listingFromDb()}; {@link ClusterHitPath#FLOOR} one {@code GET} of the same bytes through
 * {@code JedisCluster} plus the decode; {@link ClusterHitPath#FLOOR_TWO_MGETS} the agent's two round trips by hand,
 * which splits what the second round trip costs from what the agent's Java side adds. No target: measured only.
 *
 * <p>Run by {@link CacheRunner}, which starts a three-master cluster ({@link BenchCluster}) for this question only and
 * points the agent at it ({@code redis.cluster-nodes}); from the repository root, after
 * {@code mvn -q install -DskipTests}:
 *
 * <pre>{@code
 * java -cp benchmarks/target/querylens-benchmarks.jar io.querylens.benchmarks.cache.CacheRunner \
 *     --benchmarks=hit-cluster --mode=interleaved
 * }</pre>
 *
 * <p>Results: see {@code benchmarks/CACHE.md}.
 */
public class HitClusterBenchmark extends CacheBenchmarkBase {
  @Param({"FLOOR", "FLOOR_TWO_MGETS", "QUERYLENS"})
  String path;

  @Override
  String path() {
    return path;
  }

  @Override
  CacheVariant variant(String name) {
    return ClusterHitPath.valueOf(name);
  }

  /** Every node of the cluster: a hit's two MGETs land on two of them, so the checks add up all three. */
  @Override
  List<Jedis> adminConnections() {
    return BenchCluster.admins();
  }
}
