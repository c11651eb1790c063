package io.querylens.benchmarks.cache;

import io.querylens.annotations.Cached;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The methods the agent caches. Their bodies count their runs and return the prebuilt listing: what a hit or a miss
 * costs is then the cache's own work, not the method's. {@link #listingFromDb()} and
 * {@link #listingFromDbUntracked()} also run one small query on H2 ({@link BenchDb}) when they fill, so that the
 * agent records the tables they read; their hits never run it.
 */
public class CachedRecipes {
  /** Cache of {@link #listing()}. */
  static final String HIT_CACHE = "bench-recipes";
  /** Cache of {@link #page(long)}. */
  static final String MISS_CACHE = "bench-miss";
  /** Cache of {@link #listingFromDb()}. */
  static final String TABLES_CACHE = "bench-tables";
  /** Cache of {@link #listingFromDbUntracked()}. */
  static final String UNTRACKED_CACHE = "bench-untracked";

  private final AtomicLong bodyRuns = new AtomicLong();

  /** Filled once in set-up, then a hit every call. */
  @Cached(name = HIT_CACHE)
  public List<RecipeDto> listing() {
    bodyRuns.incrementAndGet();
    return Cookbook.LISTING;
  }

  /**
   * Filled once in set-up, then a hit every call; the fill reads {@code recipe}, {@code ingredient} and {@code food},
   * so with automatic invalidation on (the default) the entry depends on those three tables and {@code *}, and every
   * hit checks their four versions.
   */
  @Cached(name = TABLES_CACHE)
  public List<RecipeDto> listingFromDb() {
    bodyRuns.incrementAndGet();
    BenchDb.readListingTables();
    return Cookbook.LISTING;
  }

  /** {@link #listingFromDb()} with automatic invalidation switched off for the method: its entry records no table. */
  @Cached(name = UNTRACKED_CACHE, invalidateOnWrites = false)
  public List<RecipeDto> listingFromDbUntracked() {
    bodyRuns.incrementAndGet();
    BenchDb.readListingTables();
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
