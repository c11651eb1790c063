package io.querylens.benchmarks.cache;

import org.openjdk.jmh.annotations.Param;

/**
 * What does automatic invalidation add to a write? Issue #4: one Redis command per transaction, on commit, not per
 * statement; measure it. A transaction of one or three {@code UPDATE}s and a commit, on H2 behind HikariCP
 * ({@link WritePath}), to tables the agent tracks ({@code TRACKED_n}: one bump script after the commit) and to tables
 * excluded by {@code cache.invalidation.exclude-tables} ({@code EXCLUDED_n}: no bump; otherwise the same SQL, the same
 * agent path). {@code TRACKED_n - EXCLUDED_n} is the bump's cost; {@link WritePath#BUMP_BY_HAND_1} adds the same
 * script by hand to the excluded transaction, its floor. Every iteration is checked against Redis's
 * {@code INFO commandstats}: exactly one {@code EVALSHA} per tracked transaction, none per excluded one.
 *
 * <p>{@link WritePath#NO_AGENT_1} and {@link WritePath#NO_AGENT_3} are the same transactions without the agent; they
 * run in separate forks only ({@code --mode=forks} or {@code both}), so they are compared across JVMs.
 *
 * <p>Run by {@link CacheRunner}; from the repository root, after {@code mvn -q install -DskipTests}:
 *
 * <pre>{@code
 * java -cp benchmarks/target/querylens-benchmarks.jar io.querylens.benchmarks.cache.CacheRunner \
 *     --benchmarks=write --mode=interleaved
 * }</pre>
 *
 * <p>Conclusion, on a 2-core KVM machine: see {@code benchmarks/CACHE.md}.
 */
public class WriteCostBenchmark extends CacheBenchmarkBase {
  @Param({"EXCLUDED_1", "TRACKED_1", "EXCLUDED_3", "TRACKED_3", "BUMP_BY_HAND_1", "NO_AGENT_1", "NO_AGENT_3"})
  String path;

  @Override
  String path() {
    return path;
  }

  @Override
  CacheVariant variant(String name) {
    return WritePath.valueOf(name);
  }
}
