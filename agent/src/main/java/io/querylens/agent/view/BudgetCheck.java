package io.querylens.agent.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Holds every report to its endpoint's budget, as {@code assertNumQueries} holds a test: the count is the report's
 * {@code queries.count} (every execution, including statements omitted from the list), and N+1 is the agent's own
 * {@code nPlusOne} flag, so the threshold is the {@code nplusone.threshold} the application ran with.
 */
public final class BudgetCheck {
  private static final Comparator<Report.Statement> MOST_EXECUTED_FIRST =
      Comparator.comparingLong(Report.Statement::count).reversed();

  private BudgetCheck() {}

  /** The violations, in report order; a report may break both rules. */
  public static List<BudgetViolation> check(QueryBudget budget, List<Report> reports) {
    List<BudgetViolation> violations = new ArrayList<>();
    for (Report report : reports) {
      Optional<QueryBudget.MaxQueries> maxQueries = budget.maxQueries(report.endpoint());
      if (maxQueries.isPresent() && report.queryCount() > maxQueries.get().limit()) {
        QueryBudget.MaxQueries rule = maxQueries.get();
        violations.add(new BudgetViolation(report, BudgetViolation.Kind.TOO_MANY_QUERIES, rule.limit(), rule.line(),
            rule.key(), report.statements().stream().sorted(MOST_EXECUTED_FIRST).toList()));
      }
      Optional<QueryBudget.NPlusOne> nPlusOne = budget.nPlusOne(report.endpoint());
      if (nPlusOne.isPresent() && !nPlusOne.get().allowed() && report.hasNPlusOne()) {
        QueryBudget.NPlusOne rule = nPlusOne.get();
        violations.add(new BudgetViolation(report, BudgetViolation.Kind.N_PLUS_ONE, 0, rule.line(), rule.key(),
            report.statements().stream().filter(Report.Statement::nPlusOne).sorted(MOST_EXECUTED_FIRST).toList()));
      }
    }
    return violations;
  }
}
