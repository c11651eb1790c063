package io.querylens.demo.recipe;

import io.querylens.demo.recipe.RecipeDto.IngredientDto;
import java.math.RoundingMode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cookbook's JPA writes, each in one transaction. They carry no cache annotation: the agent sees their
 * {@code insert}s, and when the transaction commits it moves on the versions of the tables written ({@code recipe},
 * {@code ingredient}, {@code food}), so every cached result that read one of them, such as
 * {@link RecipeRepository#findAllAsDtos()}, is stale from then on, in every JVM sharing the Redis. A write that fails
 * (unknown recipe, duplicate name, a constraint at commit) rolls back, and then invalidates nothing.
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
