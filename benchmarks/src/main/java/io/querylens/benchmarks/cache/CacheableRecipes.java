package io.querylens.benchmarks.cache;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cache.annotation.Cacheable;

/** {@link CachedRecipes#listing()} for Spring: the same body, behind Spring's caching proxy. */
public class CacheableRecipes {
  static final String CACHE = "bench-recipes";

  private final AtomicLong bodyRuns = new AtomicLong();

  @Cacheable(CACHE)
  public List<RecipeDto> listing() {
    bodyRuns.incrementAndGet();
    return Cookbook.LISTING;
  }

  public long bodyRuns() {
    return bodyRuns.get();
  }
}
