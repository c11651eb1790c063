package io.querylens.it.invalidation;

import java.util.List;

/**
 * A {@code @Cached} method that reads the names in {@code food}, and how often its body really ran. The label only
 * keys the entry, so that every test has entries of its own.
 */
public interface FoodNames {
  List<String> names(String label);

  int runs();

  /** The {@code @Cached(name)} of {@link #names}, to find its entries in Redis. */
  String cacheName();
}
