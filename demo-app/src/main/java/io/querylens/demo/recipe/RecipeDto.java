package io.querylens.demo.recipe;

import java.math.BigDecimal;
import java.util.List;

/** A recipe as the API returns it: plain data, detached from the persistence context. */
public record RecipeDto(
    long id, String name, String description, String instructions, List<IngredientDto> ingredients) {

  /** One line of a recipe's ingredient list, with the food's name rather than its id. */
  public record IngredientDto(String food, BigDecimal amount, String unit) {}
}
