package io.querylens.demo.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/recipes} and {@code POST /api/recipes/{id}/ingredients} over real HTTP, without the agent (the
 * invalidation they cause is {@code AgentEndToEndTest}'s): 201 with what was created, which the listings then show; 400, 404 and 409
 * as problem details. A database of its own, with only the tutorial's two recipes, so that the other tests' counts
 * never see these writes.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:recipe-writes;DB_CLOSE_DELAY=-1", "demo.generated-recipes=0"})
class RecipeWritesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  private LocalHttp http() {
    return new LocalHttp(port);
  }

  @Autowired FoodRepository foods;

  @Test
  void aNewRecipeIsCreatedWithoutIngredientsAndListed() throws Exception {
    HttpResponse<String> created = http().post("/api/recipes",
        "{\"name\":\"Ponzu\",\"description\":\"A citrus soy sauce.\",\"instructions\":\"Stir together.\"}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode recipe = JSON.readTree(created.body());
    long id = recipe.get("id").asLong();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/recipes/" + id);
    assertThat(recipe.get("name").asString()).isEqualTo("Ponzu");
    assertThat(recipe.get("ingredients").isEmpty()).isTrue();
    assertThat(http().get("/api/recipes/" + id).body()).isEqualTo(created.body());
    assertThat(http().get("/api/recipes/cached").body()).contains(created.body());
  }

  @Test
  void anIngredientIsAppendedAndItsFoodCreatedOnlyWhenMissing() throws Exception {
    long recipeId = JSON.readTree(http().post("/api/recipes",
        "{\"name\":\"Yuzu Kosho\",\"description\":\"A fermented paste.\",\"instructions\":\"Grind.\"}").body())
        .get("id").asLong();
    long foodsBefore = foods.count();

    HttpResponse<String> newFood = http().post("/api/recipes/" + recipeId + "/ingredients",
        "{\"food\":\"yuzu zest\",\"amount\":2.5,\"unit\":\"tbsp\"}");
    HttpResponse<String> knownFood = http().post("/api/recipes/" + recipeId + "/ingredients",
        "{\"food\":\"sake\",\"amount\":1,\"unit\":\"tsp\"}");

    assertThat(newFood.statusCode()).as(newFood.body()).isEqualTo(201);
    assertThat(newFood.body()).isEqualTo("{\"food\":\"yuzu zest\",\"amount\":2.50,\"unit\":\"tbsp\"}");
    assertThat(knownFood.statusCode()).as(knownFood.body()).isEqualTo(201);
    assertThat(foods.count()).as("only yuzu zest was new").isEqualTo(foodsBefore + 1);
    assertThat(http().get("/api/recipes/" + recipeId).body())
        .endsWith("\"ingredients\":[" + newFood.body() + "," + knownFood.body() + "]}");
  }

  @Test
  void anInvalidBodyIs400WithEachFieldsProblem() throws Exception {
    HttpResponse<String> recipe = http().post("/api/recipes", "{\"name\":\" \",\"description\":\"x\"}");
    HttpResponse<String> ingredient =
        http().post("/api/recipes/1/ingredients", "{\"food\":\"salt\",\"amount\":-1.005,\"unit\":\"g\"}");
    HttpResponse<String> malformed = http().post("/api/recipes", "{\"name\":");

    assertThat(recipe.statusCode()).isEqualTo(400);
    assertThat(recipe.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode errors = JSON.readTree(recipe.body()).get("errors");
    assertThat(errors.propertyNames()).containsExactly("instructions", "name");
    assertThat(ingredient.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(ingredient.body()).get("errors").get("amount").asString())
        .contains("greater than 0").contains("out of bounds");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void anUnknownRecipeIs404AndCreatesNoFood() throws Exception {
    long foodsBefore = foods.count();

    HttpResponse<String> response =
        http().post("/api/recipes/999999/ingredients", "{\"food\":\"unobtainium\",\"amount\":1,\"unit\":\"g\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).get("detail").asString()).isEqualTo("There is no recipe 999999.");
    assertThat(foods.count()).isEqualTo(foodsBefore);
  }

  @Test
  void aNameAlreadyTakenIs409() throws Exception {
    HttpResponse<String> response = http().post("/api/recipes",
        "{\"name\":\"Classic Teriyaki Sauce\",\"description\":\"Again.\",\"instructions\":\"Again.\"}");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("already exists");
  }
}
