package io.querylens.benchmarks.cache;

import org.openjdk.jmh.annotations.Param;

/**
 * Does a {@code @Cached} miss cost less over the uncached call than one Redis round trip plus the encode of the
 * result? The same method runs without the agent ({@link MissPath#UNCACHED}) and with it, missing every call
 * ({@link MissPath#QUERYLENS}: a new argument each time, so a key never seen); {@link MissPath#FLOOR} measures one
 * {@code PING} plus one Jackson encode of the result on their own. The miss's overhead is {@code QUERYLENS -
 * UNCACHED}, to be compared with {@code FLOOR}.
 *
 * <p>Run by {@link CacheRunner}; from the repository root, after {@code mvn -q install -DskipTests}:
 *
 * <pre>{@code
 * java -cp benchmarks/target/querylens-benchmarks.jar io.querylens.benchmarks.cache.CacheRunner --benchmarks=miss
 * }</pre>
 *
 * <p>Conclusion, on a 2-core KVM machine: see {@code benchmarks/CACHE.md}.
 */
public class MissCostBenchmark extends CacheBenchmarkBase {
  @Param({"UNCACHED", "QUERYLENS", "FLOOR"})
  MissPath path;

  @Override
  CacheVariant variant() {
    return path;
  }
}
