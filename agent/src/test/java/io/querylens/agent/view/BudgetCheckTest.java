package io.querylens.agent.view;

import static io.querylens.agent.view.KnownReports.FOOD_BY_NAME_SQL;
import static io.querylens.agent.view.KnownReports.FOOD_SQL;
import static io.querylens.agent.view.KnownReports.INGREDIENTS_SQL;
import static io.querylens.agent.view.KnownReports.LIST_SQL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetCheckTest {
  @TempDir Path directory;
  private List<Report> reports;

  @BeforeEach
  void write() throws Exception {
    KnownReports.writeTo(directory);
    reports = ReportFolder.read(directory).reports();
  }

  @Test
  void withinBudget() throws Exception {
    assertEquals(List.of(), check("default.max-queries=81", "GET /api/recipes.n-plus-one=allowed",
        "POST /api/recipes/{id}/ingredients.n-plus-one=allowed", "default.n-plus-one=forbidden"));
    assertEquals(List.of(), check("# nothing but a comment"), "no rule, no limit");
  }

  @Test
  void requestsOverTheMaximumListEveryStatementMostExecutedFirst() throws Exception {
    List<BudgetViolation> violations = check("default.max-queries=10", "GET /api/recipes.max-queries=68");

    assertEquals(1, violations.size(), violations.toString());
    BudgetViolation violation = violations.get(0);
    assertEquals(KnownReports.worstListing, violation.report().fileName());
    assertEquals(BudgetViolation.Kind.TOO_MANY_QUERIES, violation.kind());
    assertEquals(68, violation.limit());
    assertEquals(2, violation.budgetLine());
    assertEquals(List.of(INGREDIENTS_SQL, FOOD_SQL, LIST_SQL), sqls(violation));
  }

  @Test
  void forbiddenNPlusOneListsTheNPlusOneStatements() throws Exception {
    List<BudgetViolation> violations = check("default.n-plus-one=forbidden", "GET /api/recipes.n-plus-one=allowed");

    assertEquals(1, violations.size(), violations.toString());
    assertEquals(KnownReports.post, violations.get(0).report().fileName());
    assertEquals(BudgetViolation.Kind.N_PLUS_ONE, violations.get(0).kind());
    assertEquals("default.n-plus-one", violations.get(0).budgetKey());
    assertEquals(List.of(FOOD_BY_NAME_SQL), sqls(violations.get(0)));
  }

  @Test
  void aRequestMayBreakBothRules() throws Exception {
    List<BudgetViolation> violations = check("GET /api/recipes.max-queries=50", "GET /api/recipes.n-plus-one=forbidden");

    assertEquals(List.of(BudgetViolation.Kind.TOO_MANY_QUERIES, BudgetViolation.Kind.N_PLUS_ONE,
        BudgetViolation.Kind.N_PLUS_ONE, BudgetViolation.Kind.TOO_MANY_QUERIES, BudgetViolation.Kind.N_PLUS_ONE),
        violations.stream().map(BudgetViolation::kind).toList(), "68 > 50, 50 is within, 81 > 50; all three N+1");
    assertEquals(List.of(INGREDIENTS_SQL, FOOD_SQL), sqls(violations.get(1)));
  }

  private List<BudgetViolation> check(String... lines) throws BudgetFileException {
    return BudgetCheck.check(BudgetFile.parse("budget", List.of(lines)), reports);
  }

  private static List<String> sqls(BudgetViolation violation) {
    return violation.statements().stream().map(Report.Statement::sql).toList();
  }
}
