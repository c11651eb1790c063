package io.querylens.demo.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.demo.recipe.FoodRepository;
import io.querylens.demo.recipe.RecipeRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Seeding again over seeded data adds nothing: two demo instances share one PostgreSQL database, and each seeds on
 * start. (Same configuration as {@code RecipeQueriesTest}, so Spring reuses its application context.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CookbookSeederTest {

  @Autowired CookbookSeeder seeder;
  @Autowired RecipeRepository recipes;
  @Autowired FoodRepository foods;

  @Test
  void seedingTwiceAddsNothing() {
    long recipesBefore = recipes.count();
    long foodsBefore = foods.count();

    seeder.afterSingletonsInstantiated();

    assertThat(recipesBefore).isEqualTo(2 + 50);
    assertThat(foodsBefore).isEqualTo(7 + 8);
    assertThat(recipes.count()).isEqualTo(recipesBefore);
    assertThat(foods.count()).isEqualTo(foodsBefore);
  }
}
