package io.querylens.agent.view;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Ten requests of five endpoints whose every summary number is worked out by hand in the tests that use them
 * (ReportSummaryTest, the CLI tests).
 *
 * <pre>
 * GET /api/recipes             3 requests: 68, 50, 81 queries; DB 24, 13, 36 ms; 200, 100, 300 ms; all N+1
 * GET /api/recipes/{id}        /api/recipes/1 and /2: 2 queries, 1 ms DB, 10 ms each; cache recipe-by-id hit, miss
 * GET /api/recipes/cached      3 requests: 0, 1, 1 queries; DB 0, 4, 4 ms; cache recipes hit, stale, error
 * POST /api/recipes/{id}/ingredients  7 queries, of which one statement 6 times (N+1)
 * GET /api/foods/{id}          2 queries, 5 ms DB
 * </pre>
 */
public final class KnownReports {
  public static final String LIST_SQL = "select r1_0.id,r1_0.name from recipe r1_0 order by r1_0.id";
  public static final String INGREDIENTS_SQL =
      "select i1_0.recipe_id,i1_0.id,i1_0.amount from ingredient i1_0 where i1_0.recipe_id=?";
  public static final String FOOD_SQL = "select f1_0.id,f1_0.name from food f1_0 where f1_0.id=?";
  public static final String FOOD_BY_NAME_SQL = "select f1_0.id from food f1_0 where f1_0.name=?";
  public static final String LIST_SITE = "io.example.RecipeService.list(RecipeService.java:35)";
  public static final String INGREDIENTS_SITE = "io.example.RecipeService.toDto(RecipeService.java:75)";
  public static final String FOOD_SITE = "io.example.RecipeService.toDto(RecipeService.java:76)";
  public static final String FOOD_BY_NAME_SITE = "io.example.IngredientService.add(IngredientService.java:40)";

  /** The file of the third /api/recipes request: 81 queries, the worst N+1s. */
  public static String worstListing;
  /** The file of the POST. */
  public static String post;

  private KnownReports() {}

  public static void writeTo(Path directory) throws IOException {
    ReportFiles files = new ReportFiles(directory);
    listing(files, 200, 52, 20, 15, 3).write();
    listing(files, 100, 40, 10, 9, 2).write();
    worstListing = listing(files, 300, 60, 30, 20, 5).write().getFileName().toString();
    for (String id : new String[] {"1", "2"}) {
      files.request("GET", "/api/recipes/" + id).durationMs(10)
          .statement("select r1_0.id from recipe r1_0 where r1_0.id=?", 1, 0.5, "io.example.RecipeService.get(X.java:1)")
          .statement(INGREDIENTS_SQL, 1, 0.5, INGREDIENTS_SITE)
          .cacheCall("recipe-by-id", id.equals("1") ? "hit" : "miss")
          .write();
    }
    files.request("GET", "/api/recipes/cached").durationMs(50).cacheCall("recipes", "hit").write();
    files.request("GET", "/api/recipes/cached").durationMs(50).statement(LIST_SQL, 1, 4, LIST_SITE)
        .cacheCall("recipes", "stale").write();
    files.request("GET", "/api/recipes/cached").durationMs(50).statement(LIST_SQL, 1, 4, LIST_SITE)
        .cacheCall("recipes", "error").write();
    post = files.request("POST", "/api/recipes/7/ingredients").durationMs(40)
        .statement("insert into food (name,id) values (?,?)", 1, 1, FOOD_BY_NAME_SITE)
        .statement(FOOD_BY_NAME_SQL, 6, 3, FOOD_BY_NAME_SITE)
        .write().getFileName().toString();
    files.request("GET", "/api/foods/3").durationMs(20).statement(FOOD_SQL, 2, 5, null).write();
  }

  private static ReportFiles.Builder listing(ReportFiles files, double durationMs, long ingredients,
      double ingredientsMs, long foods, double foodsMs) {
    return files.request("GET", "/api/recipes").durationMs(durationMs)
        .statement(LIST_SQL, 1, 1, LIST_SITE)
        .statement(INGREDIENTS_SQL, ingredients, ingredientsMs, INGREDIENTS_SITE)
        .statement(FOOD_SQL, foods, foodsMs, FOOD_SITE);
  }
}
