package io.querylens.it.invalidation;

import io.querylens.annotations.Cached;
import java.util.List;
import java.util.Locale;

/**
 * A cached method that runs no SQL of its own: it builds on another cached method, as a service method does on a
 * repository's. Its entries depend on the tables the inner method read, whether the inner call was a hit or a miss.
 */
public class ShoutedFoodNames extends CountingFoodNames {
  static final String CACHE = "inv-shouted";

  private final FoodNames inner;

  public ShoutedFoodNames(FoodNames inner) {
    super(CACHE);
    this.inner = inner;
  }

  @Override
  @Cached(name = CACHE)
  public List<String> names(String label) {
    countRun();
    return inner.names(label).stream().map(name -> name.toUpperCase(Locale.ROOT)).toList();
  }
}
