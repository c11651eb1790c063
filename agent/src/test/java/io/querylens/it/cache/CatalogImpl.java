package io.querylens.it.cache;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

public class CatalogImpl implements Catalog {
  final AtomicInteger runs = new AtomicInteger();

  @Override
  public List<String> names(String prefix) {
    runs.incrementAndGet();
    return List.of(prefix + "-a", prefix + "-b");
  }
}
