package io.querylens.it.invalidation;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bookkeeping every {@link FoodNames} shares: the run counter and the cache name. Subclasses keep the
 * {@code @Cached} method itself, since the agent finds the annotation on a class's own methods, and call
 * {@link #countRun} first thing in its body.
 */
public abstract class CountingFoodNames implements FoodNames {
  private final String cacheName;
  private final AtomicInteger runs = new AtomicInteger();

  /** @param cacheName the {@code @Cached(name)} of the subclass's {@code names} */
  protected CountingFoodNames(String cacheName) {
    this.cacheName = cacheName;
  }

  /** Counts a run of the method body; returns its number, 1 for the first. */
  protected final int countRun() {
    return runs.incrementAndGet();
  }

  @Override
  public final int runs() {
    return runs.get();
  }

  @Override
  public final String cacheName() {
    return cacheName;
  }
}
