package io.querylens.demo.recipe;

import java.math.BigDecimal;
import java.util.List;

/**
 * A recipe as the API returns it: plain data, detached from the persistence context. It is also what the agent's
 * cache stores as JSON ({@link RecipeRepository#findAllAsDtos()}): records that hold no reference back to their
 * recipe, so there is no cycle to serialize, unlike the bidirectional {@link Recipe} and {@link Ingredient} entities.
 */
public record RecipeDto(
    long id, String name, String description, String instructions, List<IngredientDto> ingredients) {

  /** One line of a recipe's ingredient list, with the food's name rather than its id. */
  public record IngredientDto(String food, BigDecimal amount, String unit) {

    static IngredientDto from(Ingredient ingredient) {
      return new IngredientDto(ingredient.getFood().getName(), ingredient.getAmount(), ingredient.getUnit());
    }
  }

  /**
   * A recipe whose ingredients and their foods are already loaded (fetch-joined, or just created). The naive listing
   * maps its own way, in {@code RecipeService}, so that the N+1 it triggers is reported there.
   */
  static RecipeDto from(Recipe recipe) {
    return new RecipeDto(recipe.getId(), recipe.getName(), recipe.getDescription(), recipe.getInstructions(),
        recipe.getIngredients().stream().map(IngredientDto::from).toList());
  }
}
