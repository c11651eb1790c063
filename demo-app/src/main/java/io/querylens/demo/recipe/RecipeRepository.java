package io.querylens.demo.recipe;

import io.querylens.annotations.Cached;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Recipes, loaded either bare (associations stay lazy) or with their ingredients and foods fetch-joined, and the
 * whole cookbook as DTOs through the agent's cache.
 */
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

  /**
   * Every recipe as the API returns it, served by the QueryLens agent from Redis (cache {@code recipes}, 15 minutes)
   * when it is attached; without the agent, a plain call. A miss runs one SQL statement (the fetch join below), so
   * what is stored is complete; a hit runs none. No write evicts it by name: the agent records that the miss read
   * {@code recipe}, {@code ingredient} and {@code food}, and any later write to one of them, JPA or plain JDBC
   * ({@code RecipeEditor}, {@code FoodRenamer}), makes the entry stale.
   *
   * <p>A default method of the repository interface, on purpose: Spring Data implements this interface with a JDK
   * proxy, and the agent instruments that proxy's method from the annotation it finds here. On a hit the proxy
   * returns the cached list without calling into Spring Data at all (no transaction, no connection). The end-to-end
   * tests ({@code AgentEndToEndTest}) check it on the real proxy. The result is DTOs rather than entities: the
   * {@link Recipe}-{@link Ingredient} association is bidirectional, a cycle the agent's JSON codec cannot store.
   */
  @Cached(name = "recipes", ttl = "15m")
  default List<RecipeDto> findAllAsDtos() {
    return findAllWithIngredientsAndFoods().stream().map(RecipeDto::from).toList();
  }

  /** Every recipe's id and name, in id order: one statement that reads the {@code recipe} table alone. */
  @Query("select new io.querylens.demo.recipe.RecipeName(r.id, r.name) from Recipe r order by r.id")
  List<RecipeName> findAllIdsAndNames();

  /**
   * Every recipe's id and name, through the agent's cache ({@code recipe-names}, 15 minutes). It depends on the
   * {@code recipe} table only, so renaming a food or adding an ingredient leaves it a hit, while adding a recipe
   * makes it stale: the end-to-end tests show both next to {@link #findAllAsDtos()}, which reads all three tables.
   */
  @Cached(name = "recipe-names", ttl = "15m")
  default List<RecipeName> findAllIdsAndNamesCached() {
    return findAllIdsAndNames();
  }

  /** One recipe with its ingredients and their foods, in one SQL statement. */
  @Query("""
      select r from Recipe r
        left join fetch r.ingredients i
        left join fetch i.food
      where r.id = :id""")
  Optional<Recipe> findWithIngredientsAndFoodsById(long id);

  boolean existsByName(String name);

  /** The names already present, so seeding inserts only what is missing. */
  @Query("select r.name from Recipe r")
  Set<String> findAllNames();
}
