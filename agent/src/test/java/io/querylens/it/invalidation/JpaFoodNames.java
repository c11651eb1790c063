package io.querylens.it.invalidation;

import io.querylens.annotations.Cached;
import java.util.List;

/** Reads through Hibernate: a JPQL query over the {@link Food} entity. */
public class JpaFoodNames extends CountingFoodNames {
  static final String CACHE = "inv-jpa";

  private final FoodJpa jpa;

  public JpaFoodNames(FoodJpa jpa) {
    super(CACHE);
    this.jpa = jpa;
  }

  @Override
  @Cached(name = CACHE)
  public List<String> names(String label) {
    countRun();
    return jpa.read(entityManager -> entityManager
        .createQuery("select f.name from Food f order by f.id", String.class).getResultList());
  }
}
