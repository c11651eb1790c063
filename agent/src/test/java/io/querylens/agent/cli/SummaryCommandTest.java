package io.querylens.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.agent.view.KnownReports;
import io.querylens.agent.view.ReportFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCommandTest {
  @TempDir Path reports;

  @Test
  void endpointsNPlusOnesAndCachesAsText() throws Exception {
    KnownReports.writeTo(reports);

    Cli summary = Cli.run("summary", reports.toString());

    assertEquals(Main.OK, summary.exitCode(), summary.toString());
    assertEquals("", summary.err());
    String expected = """
        10 requests, 5 endpoints

        Endpoints, worst first (by p95 queries, then median DB time)
                                                             queries per request   DB ms    DB   N+1   cache
        endpoint                                         reqs median   p95   max  median share  reqs    hits
        GET /api/recipes                                    3     68    81    81    24.0   12%     3       -
        POST /api/recipes/{id}/ingredients                  1      7     7     7     4.0   10%     1       -
        GET /api/foods/{id}                                 1      2     2     2     5.0   25%     0       -
        GET /api/recipes/{id}                               2      2     2     2     1.0   10%     0     50%
        GET /api/recipes/cached                             3      1     1     1     4.0    5%     0     33%
        Percentiles are nearest-rank; DB share = time in queries / request time.

        Worst N+1 statements (most executions in one request first)
           max   reqs  endpoint / call site / statement
            60      3  GET /api/recipes
                       io.example.RecipeService.toDto(RecipeService.java:75)
                       select i1_0.recipe_id,i1_0.id,i1_0.amount from ingredient i1_0 where i1_0.recipe_id=?
            20      3  GET /api/recipes
                       io.example.RecipeService.toDto(RecipeService.java:76)
                       select f1_0.id,f1_0.name from food f1_0 where f1_0.id=?
             6      1  POST /api/recipes/{id}/ingredients
                       io.example.IngredientService.add(IngredientService.java:40)
                       select f1_0.id from food f1_0 where f1_0.name=?

        Caches, busiest first (hits = hits / all calls)
        cache                                         calls     hit    miss   stale   error  bypass   hits
        recipes                                           3       1       0       1       1       0    33%
        recipe-by-id                                      2       1       1       0       0       0    50%
        """;
    assertEquals("QueryLens summary of " + reports + "\n" + expected, summary.out());
  }

  @Test
  void everyLineFitsOneHundredColumnsWhateverTheLengths() throws Exception {
    String longPath = "/api/tenants/acme-corporation-international/departments/research-and-development/projects/"
        + "quantum-widgets/budget-lines";
    String longSql = "select " + "a_very_long_column_name, ".repeat(20) + "x from t where id=?";
    String longSite = "com.example.some.deeply.nested.package.structure.that.goes.on.and.on.ServiceImplementation"
        + ".loadEverything(ServiceImplementation.java:1234)";
    // Numbers too wide for their columns too: a million executions, and more DB time than request time.
    new ReportFiles(reports).request("GET", longPath).durationMs(100).statement(longSql, 1_234_567, 12345.678, longSite)
        .cacheCall("a-cache-with-a-name-much-longer-than-the-forty-three-columns-it-gets", "hit").write();

    Cli summary = Cli.run("summary", reports.toString());

    assertEquals(Main.OK, summary.exitCode(), summary.toString());
    summary.out().lines().filter(line -> !line.startsWith("QueryLens summary of"))
        .forEach(line -> assertTrue(line.length() <= 100, line.length() + ": " + line));
    assertTrue(summary.out().contains("\n               ...es.on.and.on.ServiceImplementation.loadEverything("
            + "ServiceImplementation.java:1234)\n"),
        "a call site keeps its end\n" + summary.out());
    assertTrue(summary.out().contains("\nGET /api/tenants/acme-...m-widgets/budget-lines     1 "),
        "an endpoint keeps its method and its end\n" + summary.out());
    assertTrue(summary.out().contains("     1  1235k 1235k 1235k   12346 >999%     1    100%\n"), summary.out());
    assertTrue(summary.out().contains("\n 1235k      1  GET /api/tenants/"), summary.out());
  }

  @Test
  void topLimitsTheEndpointsAndNPlusOnesShown() throws Exception {
    KnownReports.writeTo(reports);

    Cli summary = Cli.run("summary", reports.toString(), "--top", "1");

    assertEquals(Main.OK, summary.exitCode(), summary.toString());
    assertTrue(summary.out().contains("GET /api/recipes  "), summary.out());
    assertTrue(!summary.out().contains("GET /api/foods/{id}"), summary.out());
    assertTrue(summary.out().contains("... and 4 more endpoints (--top 5 shows all)\n"), summary.out());
    assertTrue(summary.out().contains("... and 2 more N+1 statements (--top 3 shows all)\n"), summary.out());
  }

  @Test
  void corruptReportsAreSkippedWithOneLine() throws Exception {
    KnownReports.writeTo(reports);
    Files.writeString(reports.resolve("20261128T000000.000Z-000000-GET-cut.json"), "{\"formatVersion\": 1, \"req");
    Files.writeString(reports.resolve("20261128T000000.000Z-000001-GET-empty.json"), "");

    Cli summary = Cli.run("summary", reports.toString());

    assertEquals(Main.OK, summary.exitCode(), summary.toString());
    assertTrue(summary.out().contains("10 requests, 5 endpoints"), summary.out());
    assertTrue(summary.err().startsWith("querylens: skipped 2 unreadable report files, the first "
        + "20261128T000000.000Z-000000-GET-cut.json: not JSON"), summary.err());
    assertEquals(1, summary.err().lines().count(), summary.err());
  }

  @Test
  void anEmptyFolderSaysSo() {
    Cli summary = Cli.run("summary", reports.toString());

    assertEquals(Main.OK, summary.exitCode(), summary.toString());
    assertTrue(summary.out().contains("0 requests, 0 endpoints\nNo reports to summarise"), summary.out());
  }

  @Test
  void usageErrors() {
    assertUsageError(Cli.run("summary"), "querylens: missing <reports-dir>");
    assertUsageError(Cli.run("summary", reports.resolve("absent").toString()),
        "querylens: no such reports directory: " + reports.resolve("absent"));
    assertUsageError(Cli.run("summary", reports.toString(), "--top", "0"),
        "querylens: --top takes a whole number of rows, 1 or more, not '0'");
    assertUsageError(Cli.run("summary", reports.toString(), "--top"), "querylens: --top needs a value");
    assertUsageError(Cli.run("summary", reports.toString(), "--budget", "x"),
        "querylens: unknown option --budget; accepted: --top");
    assertUsageError(Cli.run("summary", reports.toString(), "other"),
        "querylens: expected one <reports-dir>, got " + reports + " other");
  }

  static void assertUsageError(Cli cli, String firstLine) {
    assertEquals(Main.USAGE, cli.exitCode(), cli.toString());
    assertEquals(firstLine, cli.err().lines().findFirst().orElse(""), cli.toString());
    assertEquals("", cli.out(), cli.toString());
  }
}
