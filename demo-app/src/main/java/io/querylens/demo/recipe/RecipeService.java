package io.querylens.demo.recipe;

import io.querylens.demo.recipe.RecipeDto.IngredientDto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads recipes and maps them to DTOs inside one read-only transaction (open-in-view is off, so lazy associations
 * must be walked here, not in the controller).
 *
 * <p>{@link #list()} is deliberately the natural, naive code: one query for the recipes, then one per recipe for its
 * ingredients and one per distinct food, all issued from {@link #toDto}. {@link #listWithFetchJoin()} returns the
 * same DTOs from one query, and {@link #listCached()} the same again through the agent's cache. The end-to-end tests
 * ({@code AgentEndToEndTest}) expect the agent to flag the first as an N+1 with a call site in this package, the
 * second as clean, and the third as a miss, then a hit.
 */
@Service
@Transactional(readOnly = true)
public class RecipeService {

  private final RecipeRepository recipes;

  public RecipeService(RecipeRepository recipes) {
    this.recipes = recipes;
  }

  /** Every recipe, the naive way: 1 + N (+ one per food) queries. */
  public List<RecipeDto> list() {
    List<RecipeDto> result = new ArrayList<>();
    for (Recipe recipe : recipes.findAll(Sort.by("id"))) {
      result.add(toDto(recipe));
    }
    return result;
  }

  /** Every recipe, with ingredients and foods fetch-joined: one query. */
  public List<RecipeDto> listWithFetchJoin() {
    List<RecipeDto> result = new ArrayList<>();
    for (Recipe recipe : recipes.findAllWithIngredientsAndFoods()) {
      result.add(toDto(recipe));
    }
    return result;
  }

  /**
   * Every recipe, through the agent's cache when it is attached ({@link RecipeRepository#findAllAsDtos()}): one query
   * on a miss, none on a hit. No transaction of its own ({@code SUPPORTS}): a hit should not even borrow a
   * connection, and on a miss the repository runs its query in its own.
   */
  @Transactional(propagation = Propagation.SUPPORTS)
  public List<RecipeDto> listCached() {
    return recipes.findAllAsDtos();
  }

  /** Every recipe's id and name, through the agent's cache like {@link #listCached()}; no transaction either. */
  @Transactional(propagation = Propagation.SUPPORTS)
  public List<RecipeName> listNamesCached() {
    return recipes.findAllIdsAndNamesCached();
  }

  /** One recipe with its ingredients (one query), or empty when there is no such id. */
  public Optional<RecipeDto> find(long id) {
    return recipes.findWithIngredientsAndFoodsById(id).map(this::toDto);
  }

  private RecipeDto toDto(Recipe recipe) {
    List<IngredientDto> ingredients = new ArrayList<>();
    // Unless fetch-joined, the first access to getIngredients() loads this recipe's ingredients (one query per
    // recipe), and getFood().getName() initialises each food proxy not yet in the persistence context.
    for (Ingredient ingredient : recipe.getIngredients()) {
      ingredients.add(new IngredientDto(ingredient.getFood().getName(), ingredient.getAmount(), ingredient.getUnit()));
    }
    return new RecipeDto(
        recipe.getId(), recipe.getName(), recipe.getDescription(), recipe.getInstructions(), ingredients);
  }
}
