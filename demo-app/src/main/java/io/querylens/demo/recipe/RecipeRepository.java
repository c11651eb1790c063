package io.querylens.demo.recipe;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Recipes, loaded either bare (associations stay lazy) or with their ingredients and foods fetch-joined. */
public interface RecipeRepository extends JpaRepository<Recipe, Long> {

  /**
   * Every recipe with its ingredients and their foods, in one SQL statement. No {@code distinct}: since Hibernate 6
   * the root entities of a collection fetch are de-duplicated in memory, and a SQL {@code distinct} would only make
   * the database sort every joined row. Hibernate appends the collection's {@code @OrderBy} (ingredient id) to the
   * {@code order by}, so the ingredients come in the same order as when loaded lazily.
   */
  @Query("""
      select r from Recipe r
        left join fetch r.ingredients i
        left join fetch i.food
      order by r.id""")
  List<Recipe> findAllWithIngredientsAndFoods();

  /** One recipe with its ingredients and their foods, in one SQL statement. */
  @Query("""
      select r from Recipe r
        left join fetch r.ingredients i
        left join fetch i.food
      where r.id = :id""")
  Optional<Recipe> findWithIngredientsAndFoodsById(long id);

  /** The names already present, so seeding inserts only what is missing. */
  @Query("select r.name from Recipe r")
  Set<String> findAllNames();
}
