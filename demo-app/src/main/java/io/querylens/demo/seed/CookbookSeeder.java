package io.querylens.demo.seed;

import io.querylens.demo.recipe.Food;
import io.querylens.demo.recipe.FoodRepository;
import io.querylens.demo.recipe.Ingredient;
import io.querylens.demo.recipe.Recipe;
import io.querylens.demo.recipe.RecipeRepository;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inserts the sample cookbook: the tutorial's two sauces over seven foods, plus {@code demo.generated-recipes}
 * generated recipes over a handful of generated foods.
 *
 * <p>Idempotent: it inserts only the recipes whose (unique) names are missing, and of their foods those missing too,
 * so restarting against a PostgreSQL database, or starting a second instance on it, adds nothing, even after a food
 * was renamed ({@code PUT /api/foods/{id}}). If two instances seed an empty database at once, the unique constraints
 * make the slower one's transaction fail as a whole (or time out waiting for the faster one's locks); it then seeds
 * again, which finds the winner's data and adds nothing.
 *
 * <p>It runs from {@link #afterSingletonsInstantiated()}, which Spring calls before the web server starts listening:
 * a client that sees the port open (the end-to-end tests poll it) never meets a half-seeded database, nor seeding
 * statements mixed into its own request's Hibernate statistics.
 */
@Component
class CookbookSeeder implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(CookbookSeeder.class);

  /** Generated recipes use these foods, three each, so their food lookups repeat across recipes as well. */
  private static final int GENERATED_FOODS = 8;

  private static final String[] UNITS = {"tbsp", "tsp", "cup", "g"};

  /** Seeding attempts when instances race: the first that loses finds the data complete on its second try. */
  private static final int MAX_ATTEMPTS = 3;

  private final RecipeRepository recipes;
  private final FoodRepository foods;
  private final TransactionTemplate transaction;
  private final SeedProperties properties;

  CookbookSeeder(
      RecipeRepository recipes, FoodRepository foods, TransactionTemplate transaction, SeedProperties properties) {
    this.recipes = recipes;
    this.foods = foods;
    this.transaction = transaction;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    for (int attempt = 1; ; attempt++) {
      try {
        int added = transaction.execute(status -> seedMissing());
        log.info("Cookbook seeded: {} recipes added, {} in total", added, recipes.count());
        return;
      } catch (DataIntegrityViolationException | ConcurrencyFailureException raceLost) {
        // Another instance inserted the same names between our read and our commit (or still holds the locks):
        // nothing of ours was kept, and the next attempt reads what it stored.
        if (attempt == MAX_ATTEMPTS) {
          throw raceLost;
        }
        log.info("Cookbook seeded concurrently by another instance ({}); seeding again", raceLost.getClass()
            .getSimpleName());
      }
    }
  }

  /** Inserts what is missing; returns the number of recipes added. */
  private int seedMissing() {
    Set<String> existingRecipes = recipes.findAllNames();
    Map<String, Food> foodsByName = new HashMap<>();
    for (Food food : foods.findAll()) {
      foodsByName.put(food.getName(), food);
    }
    List<Recipe> missing = new ArrayList<>();
    for (Recipe recipe : sampleRecipes(foodsByName)) {
      if (!existingRecipes.contains(recipe.getName())) {
        missing.add(recipe);
      }
    }
    // Foods first (the ingredients reference them): only those the missing recipes use and no food is named yet.
    // A food of the samples that is absent because it was renamed stays absent while no missing recipe needs it.
    for (Recipe recipe : missing) {
      for (Ingredient ingredient : recipe.getIngredients()) {
        if (ingredient.getFood().getId() == null) {
          foods.save(ingredient.getFood());
        }
      }
    }
    recipes.saveAll(missing);
    return missing.size();
  }

  /** Builds every sample recipe (unsaved), taking foods from {@code foodsByName} and adding any it lacks there. */
  private List<Recipe> sampleRecipes(Map<String, Food> foodsByName) {
    List<Recipe> all = new ArrayList<>();

    Recipe teriyaki = new Recipe(
        "Classic Teriyaki Sauce",
        "A glossy, sweet and salty sauce for grilled chicken, salmon or tofu.",
        "Stir everything in a small saucepan over medium heat until the sugar dissolves, then simmer for a few"
            + " minutes until it coats a spoon. It thickens as it cools.");
    teriyaki.addIngredient(food(foodsByName, "soy sauce"), amount("4"), "tbsp");
    teriyaki.addIngredient(food(foodsByName, "mirin"), amount("4"), "tbsp");
    teriyaki.addIngredient(food(foodsByName, "sake"), amount("4"), "tbsp");
    teriyaki.addIngredient(food(foodsByName, "sugar"), amount("2"), "tbsp");
    all.add(teriyaki);

    Recipe miso = new Recipe(
        "Red Miso Barbecue Sauce",
        "A rich, savoury glaze for grilled meat and vegetables.",
        "Grate the garlic and ginger, whisk everything together in a saucepan and warm it gently for a few minutes"
            + " without letting it boil. Brush it on near the end of grilling.");
    miso.addIngredient(food(foodsByName, "red miso"), amount("3"), "tbsp");
    miso.addIngredient(food(foodsByName, "mirin"), amount("2"), "tbsp");
    miso.addIngredient(food(foodsByName, "sake"), amount("2"), "tbsp");
    miso.addIngredient(food(foodsByName, "sugar"), amount("1"), "tbsp");
    miso.addIngredient(food(foodsByName, "garlic"), amount("1"), "clove");
    miso.addIngredient(food(foodsByName, "ginger"), amount("1"), "tsp");
    all.add(miso);

    for (int n = 1; n <= properties.generatedRecipes(); n++) {
      Recipe generated = new Recipe(
          String.format("Generated Recipe %03d", n),
          "Generated recipe number " + n + ", so that the naive listing runs one query per recipe.",
          "Combine the ingredients and stir.");
      for (int k = 0; k < 3; k++) {
        // Three different foods per recipe, rotating through the generated ones.
        int foodNumber = (n + k * 3) % GENERATED_FOODS + 1;
        generated.addIngredient(
            food(foodsByName, "generated food " + foodNumber),
            BigDecimal.valueOf(n % 4 + k + 1, 0).setScale(2),
            UNITS[(n + k) % UNITS.length]);
      }
      all.add(generated);
    }
    return all;
  }

  private static Food food(Map<String, Food> foodsByName, String name) {
    return foodsByName.computeIfAbsent(name, Food::new);
  }

  private static BigDecimal amount(String value) {
    // Scale 2, as the column stores it, so the JSON is the same before and after a round trip.
    return new BigDecimal(value).setScale(2);
  }
}
