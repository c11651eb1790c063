package io.querylens.it.invalidation;

import io.querylens.annotations.Cached;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cached method that runs no SQL of its own: it builds on another cached method, as a service method does on a
 * repository's. Its entries depend on the tables the inner method read, whether the inner call was a hit or a miss.
 */
public class ShoutedFoodNames implements FoodNames {
  static final String CACHE = "inv-shouted";

  private final FoodNames inner;
  private final AtomicInteger runs = new AtomicInteger();

  public ShoutedFoodNames(FoodNames inner) {
    this.inner = inner;
  }

  @Override
  @Cached(name = CACHE)
  public List<String> names(String label) {
    runs.incrementAndGet();
    return inner.names(label).stream().map(name -> name.toUpperCase(Locale.ROOT)).toList();
  }

  @Override
  public int runs() {
    return runs.get();
  }

  @Override
  public String cacheName() {
    return CACHE;
  }
}
