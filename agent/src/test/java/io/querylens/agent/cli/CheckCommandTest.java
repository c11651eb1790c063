package io.querylens.agent.cli;

import static io.querylens.agent.cli.SummaryCommandTest.assertUsageError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.agent.view.KnownReports;
import io.querylens.agent.view.ReportFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path directory;
  private Path reports;
  private Path budget;

  @BeforeEach
  void writeReports() throws Exception {
    reports = Files.createDirectory(directory.resolve("reports"));
    budget = directory.resolve("querylens-budget.properties");
    KnownReports.writeTo(reports);
  }

  @Test
  void withinBudgetExitsZero() throws Exception {
    Files.writeString(budget, """
        # the naive listing may run its N+1, nothing else
        default.max-queries=10
        default.n-plus-one=forbidden
        GET\\ /api/recipes.max-queries=100
        GET\\ /api/recipes.n-plus-one=allowed
        POST /api/recipes/{id}/ingredients.n-plus-one=allowed
        """);

    Cli check = check();

    assertEquals(Main.OK, check.exitCode(), check.toString());
    assertEquals("QueryLens budget check passed: 10 requests of 5 endpoints within the budget of " + budget + "\n",
        check.out());
    assertEquals("", check.err());
  }

  @Test
  void anNPlusOneTheBudgetForbidsNamesTheEndpointRequestStatementAndCallSite() throws Exception {
    Files.writeString(budget, """
        default.n-plus-one=forbidden
        GET /api/recipes.n-plus-one=allowed
        """);

    Cli check = check();

    assertEquals(Main.OVER_BUDGET, check.exitCode(), check.toString());
    assertEquals("""
        N+1 FORBIDDEN POST /api/recipes/{id}/ingredients: 1 statement ran in a loop (N+1), the budget forbids it
          rule:    default.n-plus-one (%s line 1)
          request: POST /api/recipes/7/ingredients at 2026-11-28T08:00:08Z, %s
          N+1 statements:
               6 x  select f1_0.id from food f1_0 where f1_0.name=?
                    at io.example.IngredientService.add(IngredientService.java:40)

        QueryLens budget check failed: 1 violation in 1 of 10 requests (budget %s, reports %s)
        """.formatted(budget, KnownReports.post, budget, reports), check.out());
  }

  @Test
  void tooManyQueriesListsEveryStatementMostExecutedFirst() throws Exception {
    Files.writeString(budget, "GET /api/recipes.max-queries=70\n");

    Cli check = check();

    assertEquals(Main.OVER_BUDGET, check.exitCode(), check.toString());
    assertEquals("""
        OVER BUDGET GET /api/recipes: 81 queries in one request, the budget allows 70
          rule:    GET /api/recipes.max-queries (%s line 1)
          request: GET /api/recipes at 2026-11-28T08:00:02Z, %s
          statements, most executed first:
              60 x  %s
                    at %s
              20 x  %s
                    at %s
               1 x  %s
                    at %s

        QueryLens budget check failed: 1 violation in 1 of 10 requests (budget %s, reports %s)
        """.formatted(budget, KnownReports.worstListing, KnownReports.INGREDIENTS_SQL, KnownReports.INGREDIENTS_SITE,
        KnownReports.FOOD_SQL, KnownReports.FOOD_SITE, KnownReports.LIST_SQL, KnownReports.LIST_SITE, budget, reports),
        check.out());
  }

  @Test
  void everyViolationIsListedAndCounted() throws Exception {
    Files.writeString(budget, "default.max-queries=1\ndefault.n-plus-one=forbidden\n");

    Cli check = check();

    assertEquals(Main.OVER_BUDGET, check.exitCode(), check.toString());
    assertEquals(7, check.out().lines().filter(line -> line.startsWith("OVER BUDGET ")).count(), check.out());
    assertEquals(4, check.out().lines().filter(line -> line.startsWith("N+1 FORBIDDEN ")).count(), check.out());
    assertTrue(check.out().contains("at (no application frame)\n"), "GET /api/foods/3's statement\n" + check.out());
    assertTrue(check.out().endsWith("QueryLens budget check failed: 11 violations in 7 of 10 requests (budget "
        + budget + ", reports " + reports + ")\n"), check.out());
  }

  @Test
  void statementsBeyondTenAreCountedAndThoseTheReportLeftOutAreSaid() throws Exception {
    Path many = Files.createDirectory(directory.resolve("many"));
    ReportFiles.Builder request = new ReportFiles(many).request("GET", "/many").omitted(3, 30);
    for (int i = 1; i <= 12; i++) {
      request.statement("select " + i, 1, 1, "io.example.Many.load(Many.java:" + i + ")");
    }
    request.write();
    Files.writeString(budget, "default.max-queries=40\n");

    Cli check = Cli.run("check", many.toString(), "--budget", budget.toString());

    assertEquals(Main.OVER_BUDGET, check.exitCode(), check.toString());
    assertTrue(check.out().startsWith("OVER BUDGET GET /many: 42 queries in one request, the budget allows 40\n"),
        check.out());
    assertTrue(check.out().contains("select 10\n"), check.out());
    assertTrue(!check.out().contains("select 11\n"), check.out());
    assertTrue(check.out().contains("    ... and 2 more statements\n"
        + "    ... and 3 statements the report left out (reports.max-statements)\n"), check.out());
  }

  @Test
  void corruptReportsAreSkippedAndTheRestChecked() throws Exception {
    Files.writeString(reports.resolve("00-corrupt.json"), "{\"formatVersion\": 1, \"request\": [");
    Files.writeString(budget, "default.max-queries=100\n");

    Cli check = check();

    assertEquals(Main.OK, check.exitCode(), check.toString());
    assertEquals("querylens: skipped 1 unreadable report file, the first 00-corrupt.json: not JSON: "
        + check.err().substring(check.err().indexOf("not JSON: ") + 10), check.err());
    assertEquals(1, check.err().lines().count(), check.err());
    assertTrue(check.out().startsWith("QueryLens budget check passed: 10 requests"), check.out());
  }

  @Test
  void noReportsFailsSinceNothingWasChecked() throws Exception {
    Path empty = Files.createDirectory(directory.resolve("empty"));
    Files.writeString(budget, "default.max-queries=1\n");

    Cli check = Cli.run("check", empty.toString(), "--budget", budget.toString());

    assertEquals(Main.OVER_BUDGET, check.exitCode(), check.toString());
    assertEquals("QueryLens budget check failed: no reports in " + empty + ", so nothing was checked (was the agent "
        + "attached with reports.dir=" + empty + "?)\n", check.out());
  }

  @Test
  void anUnusableBudgetFileIsAUsageErrorNamingTheLine() throws Exception {
    Files.writeString(budget, "default.max-queries=20\nGET /api/recipes.n-plus-one=yes\n");

    assertUsageError(check(), "querylens: " + budget + " line 2 (GET /api/recipes.n-plus-one=yes): n-plus-one "
        + "must be 'allowed' or 'forbidden', not 'yes'");
  }

  @Test
  void usageErrors() throws Exception {
    assertUsageError(Cli.run("check", reports.toString()), "querylens: missing --budget <file>; see --help for its format");
    assertUsageError(Cli.run("check", "--budget", budget.toString()), "querylens: missing <reports-dir>");
    assertUsageError(Cli.run("check", reports.toString(), "--budget", budget.toString()),
        "querylens: cannot read budget file " + budget + ": NoSuchFileException " + budget);
    Files.writeString(budget, "default.max-queries=20\n");
    assertUsageError(Cli.run("check", directory.resolve("absent").toString(), "--budget", budget.toString()),
        "querylens: no such reports directory: " + directory.resolve("absent"));
    assertUsageError(Cli.run("check", budget.toString(), "--budget", budget.toString()),
        "querylens: not a directory: " + budget + " (give the folder of reports, reports.dir)");
  }

  private Cli check() {
    return Cli.run("check", reports.toString(), "--budget", budget.toString());
  }
}
