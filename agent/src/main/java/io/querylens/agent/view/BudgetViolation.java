package io.querylens.agent.view;

import java.util.List;

/**
 * One request that broke one rule of the budget.
 *
 * @param statements what to look at, most executions first: the N+1 statements for {@link Kind#N_PLUS_ONE}, every
 *     listed statement for {@link Kind#TOO_MANY_QUERIES}
 * @param limit for {@link Kind#TOO_MANY_QUERIES} the maximum; 0 otherwise
 * @param budgetLine and {@code budgetKey}: the rule broken, as the budget file has it
 */
public record BudgetViolation(
    Report report, Kind kind, long limit, int budgetLine, String budgetKey, List<Report.Statement> statements) {

  public BudgetViolation {
    statements = List.copyOf(statements);
  }

  public enum Kind { TOO_MANY_QUERIES, N_PLUS_ONE }
}
