package io.querylens.benchmarks.cache;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Does a {@code @Cached} miss cost less over the uncached call than one Redis round trip plus the encode of the
 * result? The same method body runs unannotated ({@link MissPath#UNCACHED}) and as a {@code @Cached} method with the
 * agent, missing every call ({@link MissPath#QUERYLENS}: a new argument each time, so a key never seen); {@link
 * MissPath#FLOOR} measures one {@code PING} plus one Jackson encode of the result on their own. The miss's overhead is
 * {@code QUERYLENS - UNCACHED}, to be compared with {@code FLOOR}. {@link MissPath#FLOOR_PROTOCOL} runs the agent's own
 * miss protocol by hand (the hit's {@code MGET}, the encode, the lock and the fill script handed to a background
 * thread), which splits the overhead into what the protocol costs and what the agent's Java side adds. A miss is one
 * round trip once the agent knows which tables the method reads (its first miss in a JVM, in set-up, runs a script).
 *
 * <p>Each call is timed on its own, and after each one, untimed, the benchmark waits for the agent's background fill
 * of that miss to land ({@link CacheVariant.Source#settle}), then leaves the machine idle for a millisecond after
 * every variant's call alike ({@link MissPath.Pausing}). Back to back, one thread missing as fast as it can
 * produces fills faster than the agent's single fill thread writes them: the queue fills up (the agent then drops
 * fills and says so) and the fill thread, with Redis, keeps the second core busy, so the number would be that of a
 * miss storm on a saturated machine rather than of a miss. Per-call timing costs JMH some tens of nanoseconds, the
 * same for every variant and nothing beside a round trip; it is most of what {@code UNCACHED} shows.
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
  @Param({"UNCACHED", "QUERYLENS", "FLOOR_PROTOCOL", "FLOOR"})
  String path;

  /** The idle time after every measured call ({@link MissPath.Pausing}); 0 for back to back. */
  @Param({"1000"})
  long pauseMicros;

  @Setup(Level.Trial)
  public void pause() {
    MissPath.pauseNanos = pauseMicros * 1000;
  }

  /**
   * Untimed, after each {@link #call}: an isolated miss is what is measured, not one queued behind the previous
   * misses' fills. ({@link #interleaved} waits by itself, and then has nothing left to wait for here.)
   */
  @TearDown(Level.Invocation)
  public void settle() throws Exception {
    source.settle();
  }

  @Override
  String path() {
    return path;
  }

  @Override
  CacheVariant variant(String name) {
    return MissPath.valueOf(name);
  }
}
