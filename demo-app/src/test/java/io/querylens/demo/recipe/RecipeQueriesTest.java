package io.querylens.demo.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's premise, checked without the agent over real HTTP against H2: the naive listing runs 1 + N + one query
 * per food (Hibernate's own statement counter says so), the fetch-join listing runs one and returns the same JSON, and
 * so does the cached listing, which without the agent is a plain call.
 * The agent's end-to-end tests ({@code AgentEndToEndTest}) build on exactly these numbers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RecipeQueriesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  private LocalHttp http() {
    return new LocalHttp(port);
  }

  @Test
  void naiveListingRunsOneQueryPerRecipeAndPerFood() throws Exception {
    long before = preparedStatements();
    HttpResponse<String> response = http().get("/api/recipes");
    long statements = preparedStatements() - before;

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode recipes = JSON.readTree(response.body());
    assertThat(recipes.size()).isEqualTo(2 + 50);
    assertThat(statements).isEqualTo(1 + recipes.size() + distinctFoods(recipes));
  }

  @Test
  void fetchJoinListingRunsOneQueryAndReturnsTheSameJson() throws Exception {
    String naive = http().get("/api/recipes").body();
    long before = preparedStatements();
    HttpResponse<String> response = http().get("/api/recipes/fetch-join");

    assertThat(preparedStatements() - before).isEqualTo(1);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(naive);
  }

  @Test
  void cachedListingWithoutTheAgentRunsOneQueryAndReturnsTheSameJson() throws Exception {
    // Without the agent @Cached is inert: every call is what a miss runs with it, the fetch join's one statement.
    String naive = http().get("/api/recipes").body();
    long before = preparedStatements();
    HttpResponse<String> response = http().get("/api/recipes/cached");

    assertThat(preparedStatements() - before).isEqualTo(1);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(naive);
  }

  @Test
  void cachedNameListingRunsOneQueryOnTheRecipeTableAlone() throws Exception {
    // What the agent records as the entry's dependencies: the one statement reads recipe, and no other table.
    JsonNode full = JSON.readTree(http().get("/api/recipes/fetch-join").body());
    long before = preparedStatements();
    HttpResponse<String> response = http().get("/api/recipes/names/cached");

    assertThat(preparedStatements() - before).isEqualTo(1);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode names = JSON.readTree(response.body());
    assertThat(names.size()).isEqualTo(full.size());
    for (int i = 0; i < full.size(); i++) {
      assertThat(names.get(i).propertyNames()).containsExactly("id", "name");
      assertThat(names.get(i).get("id").asLong()).isEqualTo(full.get(i).get("id").asLong());
      assertThat(names.get(i).get("name").asString()).isEqualTo(full.get(i).get("name").asString());
    }
  }

  @Test
  void tutorialRecipesAreSeeded() throws Exception {
    JsonNode recipes = JSON.readTree(http().get("/api/recipes/fetch-join").body());

    assertThat(recipes.get(0).get("name").asString()).isEqualTo("Classic Teriyaki Sauce");
    assertThat(recipes.get(0).get("ingredients").size()).isEqualTo(4);
    assertThat(recipes.get(1).get("name").asString()).isEqualTo("Red Miso Barbecue Sauce");
    assertThat(recipes.get(1).get("ingredients").size()).isEqualTo(6);
    assertThat(distinctFoods(recipes.get(0)) + distinctFoods(recipes.get(1))).isEqualTo(10);
  }

  @Test
  void oneRecipeTakesOneQueryAndAnUnknownIdIs404() throws Exception {
    long before = preparedStatements();
    HttpResponse<String> found = http().get("/api/recipes/2");
    assertThat(preparedStatements() - before).isEqualTo(1);
    assertThat(found.statusCode()).isEqualTo(200);
    JsonNode recipe = JSON.readTree(found.body());
    assertThat(recipe.get("name").asString()).isEqualTo("Red Miso Barbecue Sauce");
    assertThat(recipe.get("ingredients").get(0).get("food").asString()).isEqualTo("red miso");

    assertThat(http().get("/api/recipes/999999").statusCode()).isEqualTo(404);
  }

  @Test
  void cookbookPageListsTheRecipesAsHtmlFromTheCachedListing() throws Exception {
    long before = preparedStatements();
    HttpResponse<String> page = http().get("/cookbook");

    assertThat(preparedStatements() - before).as("the cached listing's one statement (no agent here)").isEqualTo(1);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/html").containsIgnoringCase("charset=UTF-8"));
    assertThat(page.body())
        .contains("<h2>Classic Teriyaki Sauce</h2>")
        .contains("<li>4 tbsp soy sauce</li>")
        .contains("<h2>Generated Recipe 050</h2>");
  }

  @Test
  void statisticsEndpointRunsNoSql() throws Exception {
    JsonNode first = statistics();
    JsonNode second = statistics();

    assertThat(first.get("enabled").asBoolean()).isTrue();
    assertThat(second.get("prepareStatementCount").asLong()).isEqualTo(first.get("prepareStatementCount").asLong());
    assertThat(second.get("sessionOpenCount").asLong()).isEqualTo(first.get("sessionOpenCount").asLong());
    assertThat(first.has("queryExecutionCount")).isTrue();
    assertThat(first.has("entityLoadCount")).isTrue();
    assertThat(first.has("collectionFetchCount")).isTrue();
  }

  private static int distinctFoods(JsonNode recipeOrRecipes) {
    Set<String> foods = new HashSet<>();
    for (JsonNode food : recipeOrRecipes.findValues("food")) {
      foods.add(food.asString());
    }
    return foods.size();
  }

  private long preparedStatements() throws IOException, InterruptedException {
    return statistics().get("prepareStatementCount").asLong();
  }

  private JsonNode statistics() throws IOException, InterruptedException {
    HttpResponse<String> response = http().get("/api/stats/hibernate");
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
