package io.querylens.benchmarks.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload every variant caches: {@value #RECIPES} recipes with three or four ingredients each, the demo's two
 * sauces followed by generated recipes in the demo seeder's style (with somewhat longer texts), built the same way
 * in every JVM. As JSON it is about 17 KB.
 */
public final class Cookbook {
  /** Recipes in the listing. */
  public static final int RECIPES = 50;

  private static final String[] FOODS = {
    "soy sauce", "mirin", "sake", "sugar", "red miso", "garlic", "ginger", "rice vinegar", "sesame oil",
    "spring onion", "chilli flakes", "honey"
  };
  private static final String[] UNITS = {"tbsp", "tsp", "cup", "g"};

  /** The listing, immutable; the uncached method returns this very list. */
  public static final List<RecipeDto> LISTING = build();

  private Cookbook() {}

  private static List<RecipeDto> build() {
    List<RecipeDto> recipes = new ArrayList<>(RECIPES);
    recipes.add(new RecipeDto(1, "Classic Teriyaki Sauce",
        "A glossy, sweet and salty sauce for grilled chicken, salmon or tofu.",
        "Stir everything in a small saucepan over medium heat until the sugar dissolves, then simmer for a few"
            + " minutes until it coats a spoon. It thickens as it cools.",
        List.of(ingredient("soy sauce", "4", "tbsp"), ingredient("mirin", "4", "tbsp"),
            ingredient("sake", "4", "tbsp"), ingredient("sugar", "2", "tbsp"))));
    recipes.add(new RecipeDto(2, "Red Miso Barbecue Sauce",
        "A rich, savoury glaze for grilled meat and vegetables.",
        "Grate the garlic and ginger, whisk everything together in a saucepan and warm it gently for a few minutes"
            + " without letting it boil. Brush it on near the end of grilling.",
        List.of(ingredient("red miso", "3", "tbsp"), ingredient("mirin", "2", "tbsp"),
            ingredient("garlic", "1", "clove"), ingredient("ginger", "1", "tsp"))));
    for (int n = 3; n <= RECIPES; n++) {
      int count = n % 2 == 0 ? 4 : 3;
      List<RecipeDto.IngredientDto> ingredients = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        ingredients.add(new RecipeDto.IngredientDto(FOODS[(n + k * 5) % FOODS.length],
            BigDecimal.valueOf((n % 4 + k + 1) * 25L, 2), UNITS[(n + k) % UNITS.length]));
      }
      recipes.add(new RecipeDto(n, String.format("Generated Recipe %03d", n),
          "Generated recipe number " + n + ", a weeknight sauce that keeps for a week in the fridge.",
          "Combine the ingredients in a small bowl and whisk until the sugar dissolves. Taste, adjust the"
              + " seasoning, and let it rest for ten minutes before serving.",
          List.copyOf(ingredients)));
    }
    return List.copyOf(recipes);
  }

  private static RecipeDto.IngredientDto ingredient(String food, String amount, String unit) {
    return new RecipeDto.IngredientDto(food, new BigDecimal(amount).setScale(2), unit);
  }

  /** {@code List<RecipeDto>} for {@code mapper}. */
  public static JavaType listType(ObjectMapper mapper) {
    return mapper.getTypeFactory().constructCollectionType(List.class, RecipeDto.class);
  }

  /** The listing as a plain Jackson 2 {@link ObjectMapper} writes it; the same bytes the agent stores. */
  public static byte[] json(ObjectMapper mapper) {
    try {
      return mapper.writerFor(listType(mapper)).writeValueAsBytes(LISTING);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
