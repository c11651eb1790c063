package io.querylens.benchmarks.cache;

import java.math.BigDecimal;
import java.util.List;

/**
 * The cached value's element, as the demo's {@code io.querylens.demo.recipe.RecipeDto} is: plain records, no
 * reference back to the recipe, amounts as {@link BigDecimal} with scale 2 as the demo's column stores them.
 */
public record RecipeDto(
    long id, String name, String description, String instructions, List<IngredientDto> ingredients) {

  /** One line of a recipe's ingredient list, with the food's name. */
  public record IngredientDto(String food, BigDecimal amount, String unit) {}
}
