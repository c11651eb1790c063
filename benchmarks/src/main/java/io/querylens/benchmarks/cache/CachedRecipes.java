package io.querylens.benchmarks.cache;

import io.querylens.annotations.Cached;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The methods the agent caches. Their bodies only count their runs and return the prebuilt listing: what a hit or
 * a miss costs is then the cache's own work, not the method's.
 */
public class CachedRecipes {
  /** Cache of {@link #listing()}. */
  static final String HIT_CACHE = "bench-recipes";
  /** Cache of {@link #page(long)}. */
  static final String MISS_CACHE = "bench-miss";

  private final AtomicLong bodyRuns = new AtomicLong();

  /** Filled once in set-up, then a hit every call. */
  @Cached(name = HIT_CACHE)
  public List<RecipeDto> listing() {
    bodyRuns.incrementAndGet();
    return Cookbook.LISTING;
  }

  /**
   * A miss every call when each call passes a new {@code n}: a key never looked up before. The short TTL only keeps
   * Redis small while tens of thousands of these are filled a second; nothing reads them back.
   */
  @Cached(name = MISS_CACHE, ttl = "250ms")
  public List<RecipeDto> page(long n) {
    bodyRuns.incrementAndGet();
    return Cookbook.LISTING;
  }

  /**
   * {@link #page(long)}'s body without the annotation: the uncached baseline, the same in a JVM with the agent as in
   * one without, so that it can run beside the cached methods ({@link CacheBenchmarkBase#interleaved}).
   */
  public List<RecipeDto> plainPage(long n) {
    bodyRuns.incrementAndGet();
    return Cookbook.LISTING;
  }

  /** How often a body ran, to check that a hit is a hit and a miss a miss. */
  long bodyRuns() {
    return bodyRuns.get();
  }
}
