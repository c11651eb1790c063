package io.querylens.it.invalidation;

import io.querylens.annotations.Cached;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Reads through Hibernate: a JPQL query over the {@link Food} entity. */
public class JpaFoodNames implements FoodNames {
  static final String CACHE = "inv-jpa";

  private final FoodJpa jpa;
  private final AtomicInteger runs = new AtomicInteger();

  public JpaFoodNames(FoodJpa jpa) {
    this.jpa = jpa;
  }

  @Override
  @Cached(name = CACHE)
  public List<String> names(String label) {
    runs.incrementAndGet();
    return jpa.read(entityManager -> entityManager
        .createQuery("select f.name from Food f order by f.id", String.class).getResultList());
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
