package io.querylens.demo.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code PUT /api/foods/{id}} over real HTTP, without the agent (its invalidation is {@code AgentEndToEndTest}'s):
 * 200 with the renamed food, which every listing then shows; 400, 404 and 409 as problem details. A database of its
 * own, with only the tutorial's two recipes, so that the other tests never see these renames.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:food-rename;DB_CLOSE_DELAY=-1", "demo.generated-recipes=0"})
class FoodRenameTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  private LocalHttp http() {
    return new LocalHttp(port);
  }

  @Autowired FoodRepository foods;

  @Test
  void aRenamedFoodIsReturnedAndListedUnderItsNewName() throws Exception {
    long ginger = foods.findByName("ginger").orElseThrow().getId();

    HttpResponse<String> renamed = http().put("/api/foods/" + ginger, "{\"name\":\"fresh ginger\"}");

    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    assertThat(renamed.body()).isEqualTo("{\"id\":" + ginger + ",\"name\":\"fresh ginger\"}");
    assertThat(foods.findById(ginger).orElseThrow().getName()).isEqualTo("fresh ginger");
    String miso = "{\"food\":\"fresh ginger\",\"amount\":1.00,\"unit\":\"tsp\"}";
    assertThat(http().get("/api/recipes").body()).contains(miso).doesNotContain("\"food\":\"ginger\"");
    assertThat(http().get("/api/recipes/cached").body()).contains(miso).doesNotContain("\"food\":\"ginger\"");
  }

  @Test
  void renamingAFoodToItsOwnNameIsAllowed() throws Exception {
    long sugar = foods.findByName("sugar").orElseThrow().getId();

    HttpResponse<String> renamed = http().put("/api/foods/" + sugar, "{\"name\":\"sugar\"}");

    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    assertThat(foods.findById(sugar).orElseThrow().getName()).isEqualTo("sugar");
  }

  @Test
  void aNameTakenByAnotherFoodIs409AndChangesNothing() throws Exception {
    long mirin = foods.findByName("mirin").orElseThrow().getId();

    HttpResponse<String> response = http().put("/api/foods/" + mirin, "{\"name\":\"sake\"}");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(response.body()).get("detail").asString())
        .isEqualTo("A food named 'sake' already exists.");
    assertThat(foods.findById(mirin).orElseThrow().getName()).isEqualTo("mirin");
  }

  @Test
  void anUnknownFoodIs404() throws Exception {
    HttpResponse<String> response = http().put("/api/foods/999999", "{\"name\":\"unobtainium\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(response.body()).get("detail").asString()).isEqualTo("There is no food 999999.");
    assertThat(foods.findByName("unobtainium")).isEmpty();
  }

  @Test
  void aBlankOrTooLongNameIs400AndChangesNothing() throws Exception {
    long sake = foods.findByName("sake").orElseThrow().getId();

    HttpResponse<String> blank = http().put("/api/foods/" + sake, "{\"name\":\"  \"}");
    HttpResponse<String> missing = http().put("/api/foods/" + sake, "{}");
    HttpResponse<String> tooLong = http().put("/api/foods/" + sake, "{\"name\":\"" + "x".repeat(256) + "\"}");

    for (HttpResponse<String> response : List.of(blank, missing, tooLong)) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      JsonNode errors = JSON.readTree(response.body()).get("errors");
      assertThat(errors.propertyNames()).as(response.body()).containsExactly("name");
    }
    assertThat(JSON.readTree(tooLong.body()).get("errors").get("name").asString()).contains("between 0 and 255");
    assertThat(foods.findById(sake).orElseThrow().getName()).isEqualTo("sake");
  }
}
