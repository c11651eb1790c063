package io.querylens.demo.recipe;

import io.querylens.annotations.CacheEvict;
import io.querylens.demo.recipe.RecipeDto.IngredientDto;
import java.math.RoundingMode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cookbook's writes. Each runs in one transaction and, once it has returned normally, the agent evicts the cache
 * {@code recipes} ({@link RecipeRepository#findAllAsDtos()}), so the next listing is a miss that reads the new data.
 * A write that fails (unknown recipe, duplicate name, a constraint at commit) throws, and then evicts nothing.
 *
 * <p>The transaction is a {@link TransactionTemplate} inside the method rather than {@code @Transactional} on it, and
 * that is the point: the agent inlines its eviction into this method's own bytecode, at its exit, whereas Spring's
 * {@code @Transactional} commits in a proxy <em>around</em> the method, after that exit. Eviction would then come
 * before the commit, and a listing running in between (another request) would miss, read the old rows and store them
 * again for 15 minutes. Here the commit is part of the method, so the eviction follows it.
 */
@Service
public class RecipeEditor {

  private final RecipeRepository recipes;
  private final FoodRepository foods;
  private final IngredientRepository ingredients;
  private final TransactionTemplate transaction;

  public RecipeEditor(RecipeRepository recipes, FoodRepository foods, IngredientRepository ingredients,
      TransactionTemplate transaction) {
    this.recipes = recipes;
    this.foods = foods;
    this.ingredients = ingredients;
    this.transaction = transaction;
  }

  /**
   * Adds a recipe with no ingredients yet.
   *
   * @return the recipe as stored, with its id
   * @throws DuplicateKeyException if a recipe has that name already (names are unique); a concurrent insert of the
   *     same name fails at commit with another {@code DataIntegrityViolationException}
   */
  @CacheEvict("recipes")
  public RecipeDto addRecipe(NewRecipe recipe) {
    return transaction.execute(status -> {
      if (recipes.existsByName(recipe.name())) {
        throw new DuplicateKeyException("A recipe named '" + recipe.name() + "' already exists.");
      }
      return RecipeDto.from(recipes.save(new Recipe(recipe.name(), recipe.description(), recipe.instructions())));
    });
  }

  /**
   * Adds an ingredient at the end of a recipe's list, creating its food first if no food has that name.
   *
   * @return the ingredient as the recipe now lists it (the amount with the column's two decimals)
   * @throws RecipeNotFoundException if there is no recipe {@code recipeId}
   */
  @CacheEvict("recipes")
  public IngredientDto addIngredient(long recipeId, NewIngredient ingredient) {
    return transaction.execute(status -> {
      Recipe recipe = recipes.findById(recipeId).orElseThrow(() -> new RecipeNotFoundException(recipeId));
      Food food = foods.findByName(ingredient.food()).orElseGet(() -> foods.save(new Food(ingredient.food())));
      Ingredient added =
          recipe.addIngredient(food, ingredient.amount().setScale(2, RoundingMode.UNNECESSARY), ingredient.unit());
      return IngredientDto.from(ingredients.save(added));
    });
  }
}
